{{ config(materialized='view') }}
-- One row per dossier with the unit it counts for: the ward of MaXa, else of its agency; the
-- dossiers of provincial agencies (Cap = tinh) count for the province only.
with

dossiers as (
    select * from {{ ref('stg_dossiers__dossiers') }}
),

agencies as (
    select * from {{ ref('stg_agencies__agencies') }}
),

wards as (
    select * from {{ ref('stg_reference__wards') }}
),

located as (
    select
        dossiers.* exclude (ward_code_given),
        case
            when dossiers.ward_code_given is not null then dossiers.ward_code_given
            when agencies.agency_level = 'xa' then agencies.ward_code
        end as ward_code,
        agencies.agency_level,
        agencies.province_code as agency_province_code
    from dossiers
    left join agencies on dossiers.agency_code = agencies.agency_code
),

final as (
    select
        located.* exclude (agency_province_code),
        coalesce(wards.province_code, located.agency_province_code) as province_code,
        located.ward_code is null as is_province_level,
        coalesce(located.ward_code, 'tinh_' || located.agency_province_code) as unit_code
    from located
    left join wards on located.ward_code = wards.ward_code
)

select * from final
