-- One row per province, procedure and month of finishing: how many dossiers finished, the
-- median and 90th percentile of their processing working days (exact), and the share that
-- took longer than the procedure's statutory time.
with

finished as (
    select * from {{ ref('fct_dossiers') }}
    where is_received and is_finished
),

procedures as (
    select * from {{ ref('dim_procedure') }}
),

summed as (
    select
        province_code,
        procedure_code,
        date_trunc('month', end_day)::date as month,
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
),

final as (
    select
        summed.*,
        procedures.procedure_name,
        procedures.field_name,
        procedures.statutory_unit,
        procedures.statutory_duration
    from summed
    left join procedures
        on summed.province_code = procedures.province_code and summed.procedure_code = procedures.procedure_code
)

select * from final
order by province_code, procedure_code, month
