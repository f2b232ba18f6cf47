-- One row per unit (ward or province level) and day with any event: flows of the day and the
-- +1/-1 changes of the pending and overdue-pending stocks (summed into stocks downstream).
with

dossiers as (
    select * from {{ ref('fct_dossiers') }}
    where is_received
),

overdue_spans as (
    select * from {{ ref('fct_dossier_overdue_spans') }}
),

events as (
    select
        unit_code,
        received_day as day,
        1 as received,
        case when is_online then 1 else 0 end as received_online,
        0 as finished,
        0 as finished_early,
        0 as finished_on_time,
        0 as finished_late,
        0 as closed,
        1 as pending_change,
        0 as overdue_change
    from dossiers
    union all
    select
        unit_code,
        end_day,
        0,
        0,
        1,
        case when timeliness = 'early' then 1 else 0 end,
        case when timeliness = 'on_time' then 1 else 0 end,
        case when timeliness = 'late' then 1 else 0 end,
        0,
        0,
        0
    from dossiers
    where is_finished
    union all
    select
        unit_code,
        pending_until_day,
        0,
        0,
        0,
        0,
        0,
        0,
        1,
        0,
        0
    from dossiers
    where is_closed
    union all
    select
        unit_code,
        pending_until_day,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        -1,
        0
    from dossiers
    where pending_until_day is not null
    union all
    select
        dossiers.unit_code,
        overdue_spans.from_day,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        1
    from overdue_spans
    inner join dossiers on overdue_spans.dossier_code = dossiers.dossier_code
    union all
    select
        dossiers.unit_code,
        overdue_spans.to_day,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        -1
    from overdue_spans
    inner join dossiers on overdue_spans.dossier_code = dossiers.dossier_code
    where overdue_spans.to_day is not null
),

final as (
    select
        unit_code,
        day,
        sum(received)::integer as received,
        sum(received_online)::integer as received_online,
        sum(finished)::integer as finished,
        sum(finished_early)::integer as finished_early,
        sum(finished_on_time)::integer as finished_on_time,
        sum(finished_late)::integer as finished_late,
        sum(closed)::integer as closed,
        sum(pending_change)::integer as pending_change,
        sum(overdue_change)::integer as overdue_change
    from events
    group by unit_code, day
)

select * from final
