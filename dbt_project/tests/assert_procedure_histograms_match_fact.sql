{{ config(tags=['full_build_only']) }}
-- The per-procedure histograms the dashboard reads hold every received dossier once: by
-- month of receipt, and (those that ended) by month of ending with their processing days.
-- Returns the months where a histogram and the dossier fact disagree.
with

counted as (
    select
        'fact' as source,
        date_trunc('month', received_day)::date as month,
        1 as received,
        is_online::integer as received_online,
        0 as ended,
        0 as ended_late,
        0 as days_total
    from {{ ref('fct_dossiers') }}
    where is_received
    union all
    select
        'fact' as source,
        date_trunc('month', end_day)::date as month,
        0 as received,
        0 as received_online,
        1 as ended,
        (timeliness = 'late')::integer as ended_late,
        coalesce(processing_working_days, 0) as days_total
    from {{ ref('fct_dossiers') }}
    where is_received and end_day is not null
    union all
    select
        'histograms' as source,
        month,
        received,
        received_online,
        0 as ended,
        0 as ended_late,
        0 as days_total
    from {{ ref('rpt_procedure_received_monthly') }}
    union all
    select
        'histograms' as source,
        month,
        0 as received,
        0 as received_online,
        ended,
        ended_late,
        coalesce(processing_working_days, 0) * ended as days_total
    from {{ ref('rpt_procedure_days_monthly') }}
),

summed as (
    select
        month,
        source,
        sum(received) as received,
        sum(received_online) as received_online,
        sum(ended) as ended,
        sum(ended_late) as ended_late,
        sum(days_total) as days_total
    from counted
    group by month, source
),

final as (
    select month
    from summed
    group by month
    having
        count(*) <> 2
        or min(received) <> max(received)
        or min(received_online) <> max(received_online)
        or min(ended) <> max(ended)
        or min(ended_late) <> max(ended_late)
        or min(days_total) <> max(days_total)
)

select * from final
