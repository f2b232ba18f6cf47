-- One row per unit (each ward, and each province's province level), procedure field, handling
-- agency, supplement group and day with a finished dossier or a move of the overdue backlog:
-- what the "why late" breakdown of the Ward page and the brief reads. Sparse, like
-- rpt_unit_field_daily, and over the same days (from the unit's first received dossier to the
-- as-of day), so its flows summed over agencies and groups are that table's: the late ones
-- of any period and field, and the overdue backlog at the end of any day D (the sum of
-- `overdue_change` on or before D), add up to the headline numbers.
-- `supplement_group` is the dossier's supplement requests as the data hold them now: none,
-- one, or several (late by the national index's rule).
-- A table, rebuilt from the facts in every build (incremental ones too): a few columns of
-- each dossier grouped once, with no state to carry between builds.
with

dossiers as (
    select * from {{ ref('fct_dossiers') }}
    where is_received
),

overdue_spans as (
    select * from {{ ref('fct_dossier_overdue_spans') }}
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

grouped as (
    select
        dossier_code,
        unit_code,
        coalesce(field_name, 'Chưa rõ lĩnh vực') as field_name,
        coalesce(agency_code, '') as agency_code,
        case
            when supplement_requests = 0 then 'none'
            when supplement_requests = 1 then 'one'
            else 'several'
        end as supplement_group,
        received_day,
        end_day,
        is_finished,
        timeliness,
        supplement_requests,
        supplement_wait_working_days
    from dossiers
),

first_days as (
    select
        unit_code,
        min(received_day) as first_received_day
    from grouped
    group by unit_code
),

finished_days as (
    select
        unit_code,
        field_name,
        agency_code,
        supplement_group,
        end_day as day,
        count(*) as finished,
        count(*) filter (where timeliness = 'late') as finished_late,
        count(*) filter (where timeliness = 'late' and supplement_requests > 0)
            as late_with_request,
        coalesce(sum(supplement_wait_working_days) filter (where timeliness = 'late'), 0)
            as late_wait_working_days,
        0 as overdue_change
    from grouped
    where is_finished and end_day is not null
    group by all
),

span_days as (
    -- +1 on the first overdue day of a span, -1 on the day after its last
    select
        dossier_code,
        from_day as day,
        1 as change
    from overdue_spans
    union all
    select
        dossier_code,
        to_day as day,
        -1 as change
    from overdue_spans
    where to_day is not null
),

overdue_moves as (
    select
        grouped.unit_code,
        grouped.field_name,
        grouped.agency_code,
        grouped.supplement_group,
        span_days.day,
        0 as finished,
        0 as finished_late,
        0 as late_with_request,
        0 as late_wait_working_days,
        sum(span_days.change) as overdue_change
    from span_days
    inner join grouped on span_days.dossier_code = grouped.dossier_code
    group by all
),

moves as (
    select * from finished_days
    union all
    select * from overdue_moves
),

summed as (
    select
        unit_code,
        field_name,
        agency_code,
        supplement_group,
        day,
        sum(finished)::integer as finished,
        sum(finished_late)::integer as finished_late,
        sum(late_with_request)::integer as late_with_request,
        sum(late_wait_working_days)::integer as late_wait_working_days,
        sum(overdue_change)::integer as overdue_change
    from moves
    group by all
),

final as (
    select
        units.province_code,
        units.ward_code,
        summed.unit_code,
        units.is_province_level,
        summed.field_name,
        summed.agency_code,
        agencies.agency_name,
        summed.supplement_group,
        summed.day,
        date_trunc('month', summed.day)::date as month,
        summed.finished,
        summed.finished_late,
        summed.late_with_request,
        summed.late_wait_working_days,
        summed.overdue_change
    from summed
    inner join units on summed.unit_code = units.unit_code
    inner join first_days on summed.unit_code = first_days.unit_code
    cross join as_of
    left join agencies on summed.agency_code = agencies.agency_code
    where
        summed.day >= first_days.first_received_day
        and summed.day <= as_of.as_of_day
        and (summed.finished > 0 or summed.overdue_change <> 0)
)

select * from final
order by province_code, unit_code, day
