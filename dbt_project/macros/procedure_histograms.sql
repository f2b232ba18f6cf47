{#- The (province, procedure, month of `day_column`) keys of a per-procedure monthly histogram
(rpt_procedure_days_monthly, rpt_procedure_received_monthly) that the changed dossiers had or
have, among their versions where `condition` holds: the rows an incremental build makes again -#}
{% macro touched_histogram_months(day_column, condition) -%}
    select distinct province_code, procedure_code, date_trunc('month', {{ day_column }})::date as month from ({{ changed_dossier_versions('province_code, procedure_code, is_received, ' ~ day_column) }}) as versions where {{ condition }}
{%- endmacro %}

{#- pre-hook of those histograms: drop the touched rows in an incremental build -#}
{% macro delete_touched_histogram_months(day_column, condition) -%}
    {{ delete_touched(
        touched_histogram_months(day_column, condition),
        'kept.province_code = touched.province_code and kept.procedure_code = touched.procedure_code and kept.month = touched.month'
    ) }}
{%- endmacro %}

{#- The dossiers a histogram counts: those of fct_dossiers where `condition` holds, and in an
incremental build only those in a touched province-procedure-month -#}
{% macro histogram_dossiers(day_column, condition) -%}
    select * from {{ ref('fct_dossiers') }} as dossiers where {{ condition }}
    {%- if is_incremental_run() %} and exists (select 1 from ({{ touched_histogram_months(day_column, condition) }}) as touched where touched.province_code = dossiers.province_code and touched.procedure_code = dossiers.procedure_code and touched.month = date_trunc('month', dossiers.{{ day_column }})){% endif %}
{%- endmacro %}

{#- The exact `share` quantile (as quantile_cont: interpolated between the two nearest ranks)
of processing working days in a group of histogram rows, from `up_to` (dossiers with at most
that many days in the group, a running sum) and `total` (dossiers in the group): what an
exact quantile over the dossiers would give, without sorting them -#}
{% macro histogram_quantile(share) -%}
    (
        min(processing_working_days) filter (where up_to > floor((total - 1)::double * {{ share }}))
        + (any_value((total - 1)::double * {{ share }}) - any_value(floor((total - 1)::double * {{ share }})))
        * (
            min(processing_working_days) filter (where up_to > ceil((total - 1)::double * {{ share }}))
            - min(processing_working_days) filter (where up_to > floor((total - 1)::double * {{ share }}))
        )
    )
{%- endmacro %}

{#- The processing figures of a group of histogram rows (ranked: with up_to and total) -#}
{% macro processing_summary() -%}
    sum(ended) as finished,
    sum(ended_late) as finished_late,
    sum(beyond_statutory) as beyond_statutory,
    round(sum(beyond_statutory) / sum(ended), 4) as beyond_statutory_share,
    {{ histogram_quantile(0.5) }} as median_working_days,
    {{ histogram_quantile(0.9) }} as p90_working_days
{%- endmacro %}
