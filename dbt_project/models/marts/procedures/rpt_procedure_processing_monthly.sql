-- One row per province, procedure and month of finishing: how many dossiers finished, the
-- median and 90th percentile of their processing working days (exact), and the share that
-- took longer than the procedure's statutory time. Read from the processing-time histogram
-- (rpt_procedure_days_monthly): at 100 M dossiers exact quantiles over the dossiers spilled
-- tens of GB to disk. Incremental: only the province-procedure-months a changed dossier
-- finished in (before or now) are made again.
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ delete_touched(touched_procedure_months(), 'kept.province_code = touched.province_code and kept.procedure_code = touched.procedure_code and kept.month = touched.month') }}",
) }}
{%- set incremental_run = is_incremental_run() %}
with

histogram as (
    select days.*
    from {{ ref('rpt_procedure_days_monthly') }} as days
    {% if incremental_run -%}
        inner join ({{ touched_procedure_months() }}) as touched
            on
                days.province_code = touched.province_code
                and days.procedure_code = touched.procedure_code
                and days.month = touched.month
    {%- endif %}
    where days.processing_working_days is not null
),

procedures as (
    select * from {{ ref('dim_procedure') }}
),

ranked as (
    select
        *,
        sum(ended) over (
            partition by province_code, procedure_code, month order by processing_working_days
        ) as up_to,
        sum(ended) over (partition by province_code, procedure_code, month) as total
    from histogram
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
{% if not incremental_run -%}
    order by province_code, procedure_code, month
{%- endif %}
