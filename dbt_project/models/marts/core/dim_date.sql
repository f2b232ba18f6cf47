{{ config(tags=['unchanged_by_loads']) }}
-- One row per calendar day with Vietnam's working-day flags (int_calendar__working_days).
with

days as (
    select * from {{ ref('int_calendar__working_days') }}
),

final as (
    select * from days
)

select * from final
