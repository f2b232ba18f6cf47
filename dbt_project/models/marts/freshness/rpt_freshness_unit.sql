-- One row per unit (ward or province level) with dossiers: the last day it received a
-- dossier and the last day of any dossier activity, against the build's as-of day.
with

dossiers as (
    select * from {{ ref('fct_dossiers') }}
),

as_of as (
    select * from {{ ref('int_build__as_of') }}
),

final as (
    select
        dossiers.province_code,
        dossiers.ward_code,
        dossiers.unit_code,
        dossiers.is_province_level,
        max(dossiers.received_day) as last_received_day,
        greatest(max(dossiers.received_day), max(dossiers.end_day), max(dossiers.closed_day))
            as last_activity_day,
        any_value(as_of.as_of_day) as as_of_day,
        any_value(as_of.as_of_day) - max(dossiers.received_day) as days_since_received,
        count(*) as dossiers
    from dossiers
    cross join as_of
    group by all
)

select * from final
order by province_code, unit_code
