-- One row per province, procedure, month of ending and number of processing working days:
-- how many received dossiers ended that month with that processing time. A histogram, so
-- that the exact median of any set of whole months and provinces can be read from it
-- (the query layer adds the days of a partial month from the fact).
-- A table remade on every build: from the fact it is cheaper than an incremental
-- delete-and-insert of the months a new day touches (docs/benchmarks.md).
with

ended as (
    select * from {{ ref('fct_dossiers') }}
    where is_received and end_day is not null
),

final as (
    select
        province_code,
        procedure_code,
        date_trunc('month', end_day)::date as month,
        processing_working_days::integer as processing_working_days,
        count(*) as ended,
        count(timeliness) as with_timeliness,
        count(*) filter (where timeliness = 'late') as ended_late,
        count(is_beyond_statutory) as with_statutory_check,
        count(*) filter (where is_beyond_statutory) as beyond_statutory,
        max(statutory_working_days) as statutory_working_days,
        min(end_day) as first_end_day,
        max(end_day) as last_end_day
    from ended
    group by province_code, procedure_code, month, processing_working_days
)

select * from final
order by month, province_code, procedure_code, processing_working_days
