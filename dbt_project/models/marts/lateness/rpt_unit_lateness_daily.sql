{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ delete_redone_lateness_days() }}",
) }}
-- One row per unit (each ward, and each province's province level), procedure field, handling
-- agency, supplement group and day with a finished dossier or a move of the overdue backlog:
-- what the "why late" breakdown of the Ward page and the brief reads. Sparse, like
-- rpt_unit_field_daily, and over the same days (up to the as-of day; none falls before the
-- unit's first received dossier, as every move of a dossier is on or after its received day:
-- the ingest quarantines an end before it), so its flows summed over agencies and groups are that table's: the late ones of any period
-- and field, and the overdue backlog at the end of any day D (the sum of `overdue_change` on
-- or before D), add up to the headline numbers.
-- `supplement_group` is the dossier's supplement requests as the data hold them now: none,
-- one, or several (late by the national index's rule).
-- The rows are int_units__lateness_daily_events' up to the as-of day. Incremental: the rows of
-- the units and days an incremental build makes again (int_units__lateness_redone_days: the
-- days the changed dossiers touch, before and now, and the days the as-of day moved over) are
-- deleted (pre-hook) and taken again from the events. A delete by day, not dbt's delete+insert
-- by key: a dossier that moves leaves rows that no new row replaces.
-- depends_on: {{ ref('int_units__lateness_redone_days') }}
{%- set incremental_run = is_incremental() %}
with

events as (
    select events.* from {{ ref('int_units__lateness_daily_events') }} as events
    {% if incremental_run -%}
        -- the units and days made again
        where exists (
            select 1 from {{ ref('int_units__lateness_redone_days') }} as redone
            where redone.unit_code = events.unit_code and redone.day = events.day
        )
    {%- endif %}
),

units as (
    select * from {{ ref('dim_unit') }}
),

agencies as (
    select
        agency_code,
        any_value(agency_name) as agency_name
    from {{ ref('stg_agencies__agencies') }}
    group by agency_code
),

as_of as (
    select * from {{ ref('int_build__as_of') }}
),

windowed as (
    select events.*
    from events
    cross join as_of
    where events.day <= as_of.as_of_day
),

final as (
    select
        units.province_code,
        units.ward_code,
        windowed.unit_code,
        units.is_province_level,
        windowed.field_name,
        windowed.agency_code,
        agencies.agency_name,
        windowed.supplement_group,
        windowed.day,
        date_trunc('month', windowed.day)::date as month,
        windowed.finished,
        windowed.finished_late,
        windowed.late_with_request,
        windowed.late_wait_working_days,
        windowed.overdue_change
    from windowed
    inner join units on windowed.unit_code = units.unit_code
    left join agencies on windowed.agency_code = agencies.agency_code
)

select * from final
{% if not incremental_run -%}
    order by province_code, unit_code, day
{%- endif %}
