-- One row per province, procedure and month of finishing: how many dossiers finished, the
-- median and 90th percentile of their processing working days (exact), and the share that
-- took longer than the procedure's statutory time. Read from the processing-time histogram
-- (rpt_procedure_days_monthly): exact quantiles over the dossiers themselves spill to disk at
-- scale, from the histogram they are cheap, so the table is remade on every build.
with

histogram as (
    select days.*
    from {{ ref('rpt_procedure_days_monthly') }} as days
    where days.processing_working_days is not null
),

procedures as (
    select * from {{ ref('dim_procedure') }}
),

ranked as (
    {{ ranked_histogram('histogram', ['province_code', 'procedure_code', 'month']) }}
),

summed as (
    select
        province_code,
        procedure_code,
        month,
        {{ processing_summary() }},
        round(sum(processing_working_days * ended) / sum(ended), 2) as mean_working_days,
        max(processing_working_days) as max_working_days
    from ranked
    group by province_code, procedure_code, month
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
