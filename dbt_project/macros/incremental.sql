{#- Incremental builds: dbt_project/README.md, "How an incremental build works". -#}

{#- True in a build after new loads: `haicap build` passes var changed_after_load (the last load
the previous build saw). For the views and tables that are not incremental models but read
only the changed dossiers in such a build; incremental models ask dbt's is_incremental(). -#}
{% macro incremental_build() -%}
    {{ return(var('changed_after_load', none) is not none) }}
{%- endmacro %}

{#- The codes of the dossiers with a version, a supplement request or a rating loaded after
var changed_after_load (a select over the raw layer, for the staging views). -#}
{% macro changed_dossier_codes() -%}
    {%- for feed in ['dossiers', 'supplements', 'ratings'] %}
    select "MaHoSo" from {{ source('raw', feed) }} where "_load_id" > {{ var('changed_after_load') | int }}
    {%- if not loop.last %} union{% endif %}
    {%- endfor %}
{%- endmacro %}

{#- Where an incremental model keeps the rows it is about to replace: build_state.<model>__replaced
(kept out of the published marts). -#}
{% macro replaced_rows(relation) -%}
    {{ return(relation.incorporate(
        path={'schema': 'build_state', 'identifier': relation.identifier ~ '__replaced'}
    )) }}
{%- endmacro %}

{#- pre-hook of the dossier-level facts: in an incremental run, keep `columns` of the changed
dossiers' rows (int_dossiers__changed) in replaced_rows(this), so that the models that add up
dossier events can take the previous versions' events off; with `delete`, also delete them (for a
model whose new rows do not name every row they replace, where dbt's delete+insert by key would
leave some behind). -#}
{% macro keep_replaced_rows(columns='*', delete=false) -%}
    {%- if is_incremental() -%}
        {%- set changed = 'select dossier_code from ' ~ ref('int_dossiers__changed') -%}
        create schema if not exists build_state;
        create or replace table {{ replaced_rows(this) }} as
        select {{ columns }} from {{ this }} where dossier_code in ({{ changed }})
        {%- if delete %};
        delete from {{ this }} where dossier_code in ({{ changed }})
        {%- endif %}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- The columns of fct_dossiers' replaced rows that the event models read (the "why late" ones
also the agency and the supplement requests): the changed dossiers lie in nearly every row
group of the fact, and reading only these is much cheaper than all. -#}
{% macro dossier_event_columns() -%}
    dossier_code, unit_code, field_name, agency_code, is_received, received_day, due_day, end_day, pending_until_day, is_finished, is_closed, is_online, is_inherited, timeliness, supplement_requests, supplement_wait_working_days
{%- endmacro %}

{#- pre-hook of the models of running stocks per unit (int_units__daily, rpt_unit_field_daily,
rpt_backlog_ageing_daily): in an incremental run, delete each changed unit's rows from its
restart day (int_units__restart_days) on, and every row after the as-of day. A delete by day,
not dbt's delete+insert by key: a sparse table may lose rows that no new row replaces. -#}
{% macro delete_from_restart_days() -%}
    {%- if is_incremental() -%}
        delete from {{ this }} as kept using {{ ref('int_units__restart_days') }} as restarts
        where kept.unit_code = restarts.unit_code and kept.day >= restarts.restart_day;
        delete from {{ this }} where day > (select as_of_day from {{ ref('int_build__as_of') }})
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- pre-hook of rpt_unit_lateness_daily: in an incremental run, delete the rows of the units and
days it makes again (int_units__lateness_redone_days). -#}
{% macro delete_redone_lateness_days() -%}
    {%- if is_incremental() -%}
        delete from {{ this }} as kept using {{ ref('int_units__lateness_redone_days') }} as redone
        where kept.unit_code = redone.unit_code and kept.day = redone.day
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- The models kept up to date by adding changes (int_units__backlog_changes,
int_units__field_daily_events): the `summed` changes of this run plus the rows of the same key
as they were (dbt's delete+insert then replaces those rows). -#}
{% macro previous_plus_changes(keys, columns) -%}
    select
        {% for key in keys -%}
            summed.{{ key }},
        {% endfor -%}
        {% for column in columns -%}
            coalesce(previous.{{ column }}, 0) + summed.{{ column }} as {{ column }}{% if not loop.last %},{% endif %}
        {% endfor -%}
    from summed
    left join {{ this }} as previous
        on {% for key in keys %}summed.{{ key }} = previous.{{ key }}{% if not loop.last %} and {% endif %}{% endfor %}
{%- endmacro %}

{#- The (unit, month) rows of int_units__monthly_quality an incremental run makes again, as
ranges of months (unit_code, from_month, to_month): the months in which a changed dossier was
received or ended, before or now, and every month from a unit's restart day on. -#}
{% macro touched_unit_months() -%}
    {%- set versions -%}
        select unit_code, received_day, end_day from {{ ref('int_dossiers__changed') }}
        union all
        select unit_code, received_day, end_day from {{ replaced_rows(ref('fct_dossiers')) }}
    {%- endset -%}
    select unit_code, unnest([date_trunc('month', received_day), date_trunc('month', end_day)])::date as from_month, unnest([date_trunc('month', received_day), date_trunc('month', end_day)])::date as to_month from ({{ versions }}) as versions union all select unit_code, date_trunc('month', restart_day)::date as from_month, date '9999-12-01' as to_month from {{ ref('int_units__restart_days') }}
{%- endmacro %}

{#- pre-hook of int_units__monthly_quality: in an incremental run, delete the touched rows -#}
{% macro delete_touched_unit_months() -%}
    {%- if is_incremental() -%}
        delete from {{ this }} as kept where exists (
            select 1 from ({{ touched_unit_months() }}) as touched
            where kept.unit_code = touched.unit_code and kept.month between touched.from_month and touched.to_month
        )
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

