{#- Incremental builds (`haicap build` after new loads; `haicap build --full` never).

`haicap build` passes var changed_after_load = the last load the previous build saw, and the
dossier-level models recompute only the dossiers touched by later loads
(staging.stg_meta__changed_dossiers): their rows are deleted and inserted again. The relation is
named, not ref()'d (a name in the build file's own catalogue), so that the models' unit tests
need no extra input; it is upstream of every model that uses it (through stg_dossiers__dossiers),
so dbt builds it first. -#}

{% macro is_incremental_build() -%}
    {{ return(var('changed_after_load', none) is not none) }}
{%- endmacro %}

{#- `and dossier_code in (the changed dossiers)`, in an incremental run only (never in a unit
test, which has no `this`) -#}
{% macro only_changed_dossiers(column='dossier_code') -%}
    {%- if this and is_incremental() and var('changed_after_load', none) is not none %} and {{ column }} in (select dossier_code from staging.stg_meta__changed_dossiers){% endif -%}
{%- endmacro %}

{#- The rows the changed dossiers had in fct_dossiers and fct_dossier_overdue_spans before this
build replaced them (kept by keep_changed_dossiers): the models that add up dossier events take
the previous versions' events off and add the new ones. -#}
{% macro dossiers_before() -%}
    {{ return('build_state.dossiers_before') }}
{%- endmacro %}

{% macro spans_before() -%}
    {{ return('build_state.spans_before') }}
{%- endmacro %}

{#- The changed dossiers' new rows of fct_dossiers in an incremental build: a small table the
fact's pre-hook writes (keep_new_versions), so that the models adding up dossier events need not
look for ~1 M changed codes among the fact's 100 M (1.4 s a scan) -#}
{% macro dossiers_after() -%}
    {{ return('build_state.dossiers_after') }}
{%- endmacro %}

{#- What an incremental model adds up: the changed dossiers' new rows in an incremental run,
every row of the fact otherwise (a full build, a plain `dbt build`, a unit test) -#}
{% macro dossiers_now() -%}
    {%- if this and is_incremental() and var('changed_after_load', none) is not none -%}
        {{ return(dossiers_after()) }}
    {%- else -%}
        {{ return(ref('fct_dossiers')) }}
    {%- endif -%}
{%- endmacro %}

{#- pre-hook of fct_dossiers: in an incremental run, compute the changed dossiers' new rows
once (the model inserts them, and the event models read them: dossiers_now) -#}
{% macro keep_new_versions() -%}
    {%- if is_incremental() and var('changed_after_load', none) is not none -%}
        create schema if not exists build_state;
        create or replace table {{ dossiers_after() }} as
        select * from {{ ref('int_dossiers__measured') }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- The columns of the fact's previous rows that the event models read (dossiers_before): the
changed dossiers lie in nearly every row group of the fact, and reading all its columns for them
took 3-4.5 s at 100 M, these 1.7 s -#}
{% macro dossier_event_columns() -%}
    dossier_code, unit_code, field_name, is_received, received_day, due_day, end_day, pending_until_day, is_finished, is_closed, is_online, is_inherited, timeliness
{%- endmacro %}

{#- first pre-hook of the dossier-level incremental models: keep the rows about to be replaced
(`columns` of them) -#}
{% macro keep_changed_dossiers(kept, columns='*') -%}
    {%- if is_incremental() and var('changed_after_load', none) is not none -%}
        create schema if not exists build_state;
        create or replace table {{ kept }} as
        select {{ columns }} from {{ this }} where dossier_code in (select dossier_code from staging.stg_meta__changed_dossiers)
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- second pre-hook: drop the rows of the changed dossiers (all rows when the table exists but
no changed_after_load was given: a plain `dbt build`) -#}
{% macro delete_changed_dossiers() -%}
    {{ delete_in_build("delete from " ~ this ~ " where dossier_code in (select dossier_code from staging.stg_meta__changed_dossiers)") }}
{%- endmacro %}

{#- a pre-hook's delete: `incremental_delete` in an incremental build, every row when the table
exists but no changed_after_load was given (a plain `dbt build`), nothing on a first build -#}
{% macro delete_in_build(incremental_delete) -%}
    {%- if is_incremental() and var('changed_after_load', none) is not none -%}
        {{ incremental_delete }}
    {%- elif is_incremental() -%}
        delete from {{ this }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- pre-hook of the models kept up to date by adding changes: start again from nothing when the
table exists but no changed_after_load was given (a plain `dbt build`) -#}
{% macro delete_all_unless_incremental_build() -%}
    {%- if is_incremental() and var('changed_after_load', none) is none -%}
        delete from {{ this }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- the unit-day table as the last build left it (read by int_units__restart_days before
int_units__daily is updated; named, not ref()'d, which would be a cycle) -#}
{% macro units_daily_before() -%}
    {{ return('intermediate.int_units__daily') }}
{%- endmacro %}

{#- Models that keep running stocks per unit (int_units__daily, rpt_unit_field_daily,
rpt_backlog_ageing_daily): in an incremental build, their rows from each changed unit's
restart day on (int_units__restart_days) and after the as-of day go, and the model inserts them
again; every row in any other build. -#}
{% macro delete_from_restart_days() -%}
    {{ delete_in_build(
        "delete from " ~ this ~ " as kept using " ~ ref('int_units__restart_days') ~ " as restarts"
        ~ " where kept.unit_code = restarts.unit_code and kept.day >= restarts.restart_day;"
        ~ " delete from " ~ this ~ " where day > (select as_of_day from " ~ ref('int_build__as_of') ~ ")"
    ) }}
{%- endmacro %}

{#- true in an incremental run of an incremental build (never in a unit test) -#}
{% macro is_incremental_run() -%}
    {{ return(this is not none and is_incremental() and var('changed_after_load', none) is not none) }}
{%- endmacro %}

{#- Both versions (new and previous) of the changed dossiers' rows of fct_dossiers, `columns`
of them: what the month-partitioned models read to find the months a build touches. -#}
{#- (one line each: they are inlined into models' SQL) -#}
{% macro changed_dossier_versions(columns) -%}
    select {{ columns }} from {{ dossiers_after() }} union all select {{ columns }} from {{ dossiers_before() }}
{%- endmacro %}

{#- The (unit, month) rows of int_units__monthly_quality an incremental build makes again, as
ranges of months (unit_code, from_month, to_month): the months in which a changed dossier was
received or ended, before or now, and every month from a unit's restart day on (its stocks,
and the stock day of its last month) -#}
{% macro touched_unit_months() -%}
    select unit_code, unnest([date_trunc('month', received_day), date_trunc('month', end_day)])::date as from_month, unnest([date_trunc('month', received_day), date_trunc('month', end_day)])::date as to_month from ({{ changed_dossier_versions('unit_code, received_day, end_day') }}) as versions union all select unit_code, date_trunc('month', restart_day)::date as from_month, date '9999-12-01' as to_month from {{ ref('int_units__restart_days') }}
{%- endmacro %}

{#- pre-hook of the month-partitioned models: in an incremental build, drop the rows that match
a row of `touched` (a select) by `condition` (on `kept` and `touched`); every row in any other
incremental run -#}
{% macro delete_touched(touched, condition) -%}
    {{ delete_in_build(
        "delete from " ~ this ~ " as kept where exists (select 1 from (" ~ touched ~ ") as touched where "
        ~ condition ~ ")"
    ) }}
{%- endmacro %}
