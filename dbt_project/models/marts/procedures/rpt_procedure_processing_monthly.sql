-- One row per province, procedure and month of finishing: how many dossiers finished, the
-- median and 90th percentile of their processing working days (exact), and the share that
-- took longer than the procedure's statutory time. Incremental: only the province-procedure-
-- months a changed dossier finished in (before or now) are made again.
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ delete_touched(touched_procedure_months(), 'kept.province_code = touched.province_code and kept.procedure_code = touched.procedure_code and kept.month = touched.month') }}",
) }}
{%- set incremental_run = is_incremental_run() %}
with

finished as (
    select dossiers.*
    from {{ ref('fct_dossiers') }} as dossiers
    {% if incremental_run -%}
        inner join ({{ touched_procedure_months() }}) as touched
            on
                dossiers.province_code = touched.province_code
                and dossiers.procedure_code = touched.procedure_code
                and date_trunc('month', dossiers.end_day) = touched.month
    {%- endif %}
    where dossiers.is_received and dossiers.is_finished
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
{% if not incremental_run -%}
    order by province_code, procedure_code, month
{%- endif %}
