-- One row per province and procedure over everything finished: processing working days
-- (median, 90th percentile) against the statutory time. Read from the processing-time
-- histogram (rpt_procedure_days_monthly), summed over the months: exact, without sorting
-- every finished dossier.
with

histogram as (
    select
        province_code,
        procedure_code,
        processing_working_days,
        sum(ended) as ended,
        sum(ended_late) as ended_late,
        sum(beyond_statutory) as beyond_statutory,
        min(first_end_day) as first_end_day,
        max(last_end_day) as last_end_day
    from {{ ref('rpt_procedure_days_monthly') }}
    where processing_working_days is not null
    group by province_code, procedure_code, processing_working_days
),

procedures as (
    select * from {{ ref('dim_procedure') }}
),

ranked as (
    {{ ranked_histogram('histogram', ['province_code', 'procedure_code']) }}
),

summed as (
    select
        province_code,
        procedure_code,
        {{ processing_summary() }},
        min(first_end_day) as first_end_day,
        max(last_end_day) as last_end_day
    from ranked
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
