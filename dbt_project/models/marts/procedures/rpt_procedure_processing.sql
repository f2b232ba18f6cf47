-- One row per province and procedure over everything finished: processing working days
-- (median, 90th percentile) against the statutory time.
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
        count(*) as finished,
        count(*) filter (where timeliness = 'late') as finished_late,
        count(*) filter (where is_beyond_statutory) as beyond_statutory,
        round(count(*) filter (where is_beyond_statutory) / count(*), 4) as beyond_statutory_share,
        quantile_cont(processing_working_days, 0.5) as median_working_days,
        quantile_cont(processing_working_days, 0.9) as p90_working_days,
        min(end_day) as first_end_day,
        max(end_day) as last_end_day
    from finished
    group by province_code, procedure_code
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
order by province_code, procedure_code
