{{ config(tags=['unchanged_by_loads']) }}
-- One row per province and procedure: the catalogue entry that applies to the province's
-- dossiers (its own entry, else the national one), with name, field, level and statutory time.
with

procedures as (
    select * from {{ ref('int_procedures__by_province') }}
),

final as (
    select
        province_code,
        procedure_code,
        procedure_name,
        field_code,
        field_name,
        procedure_level,
        online_level,
        statutory_duration,
        statutory_unit,
        is_non_territorial,
        has_fee
    from procedures
)

select * from final
order by province_code, procedure_code
