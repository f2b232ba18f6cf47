{{ config(tags=['unchanged_by_loads']) }}
-- One row per province and procedure: the catalogue entry that applies to that province's
-- dossiers (the province's own entry overrides the national one).
with

procedures as (
    select * from {{ ref('stg_procedures__procedures') }}
),

provinces as (
    select * from {{ ref('stg_reference__provinces') }}
),

own_entries as (
    select
        catalogue_province_code as province_code,
        *
    from procedures
    where catalogue_province_code is not null
),

national_entries as (
    select
        provinces.province_code,
        procedures.*
    from procedures
    cross join provinces
    where
        procedures.catalogue_province_code is null
        and not exists (
            select 1
            from own_entries
            where
                own_entries.province_code = provinces.province_code
                and own_entries.procedure_code = procedures.procedure_code
        )
),

final as (
    select * exclude (catalogue_province_code, catalogue_key) from own_entries
    union all by name
    select * exclude (catalogue_province_code, catalogue_key) from national_entries
)

select * from final
