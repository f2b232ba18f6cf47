-- One row per province with dossiers: its last received day and last activity day.
with

units as (
    select * from {{ ref('rpt_freshness_unit') }}
),

final as (
    select
        province_code,
        max(last_received_day) as last_received_day,
        max(last_activity_day) as last_activity_day,
        any_value(as_of_day) as as_of_day,
        count(*) filter (where not is_province_level) as wards_with_dossiers,
        sum(dossiers) as dossiers
    from units
    group by province_code
)

select * from final
order by province_code
