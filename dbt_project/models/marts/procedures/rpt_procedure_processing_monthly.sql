-- One row per province, procedure and month of finishing: how many dossiers finished, the
-- median and 90th percentile of their processing working days (exact), and the share that
-- took longer than the procedure's statutory time.
with

finished as (
    select * from {{ ref('fct_dossiers') }}
    where is_received and is_finished
),

final as (
    select
        province_code,
        procedure_code,
        date_trunc('month', end_day)::date as month,
        any_value(procedure_name) as procedure_name,
        any_value(field_name) as field_name,
        any_value(statutory_unit) as statutory_unit,
        any_value(statutory_duration) as statutory_duration,
        count(*) as finished,
        count(*) filter (where timeliness = 'late') as finished_late,
        count(*) filter (where is_beyond_statutory) as beyond_statutory,
        round(count(*) filter (where is_beyond_statutory) / count(*), 4) as beyond_statutory_share,
        quantile_cont(processing_working_days, 0.5) as median_working_days,
        quantile_cont(processing_working_days, 0.9) as p90_working_days,
        round(avg(processing_working_days), 2) as mean_working_days,
        max(processing_working_days) as max_working_days
    from finished
    group by province_code, procedure_code, date_trunc('month', end_day)
)

select * from final
order by province_code, procedure_code, month
