{#- A full build writes fct_dossiers one range of dossier codes at a time
(stg_dossiers__code_ranges), so that each range is deduplicated, measured and sorted in memory:
in one statement, the fact's sort is far bigger than memory at 100 M dossiers and spills to disk.
The range reaches int_dossiers__measured (a view) through two DuckDB session variables, which
DuckDB folds into constants and pushes down to the raw scans. With none set (an incremental
run, a unit test) the view has every dossier. -#}

{#- `column` lies in the range being written (true when none is set) -#}
{% macro in_dossier_range(column='dossier_code') -%}
    (getvariable('haicap_dossiers_from') is null or {{ column }} >= getvariable('haicap_dossiers_from'))
    and (getvariable('haicap_dossiers_to') is null or {{ column }} < getvariable('haicap_dossiers_to'))
{%- endmacro %}

{#- make range `number` the one int_dossiers__measured reads -#}
{% macro set_dossier_range(number) -%}
    {%- set ranges = ref('stg_dossiers__code_ranges') -%}
    set variable haicap_dossiers_from = (select range_from from {{ ranges }} where range_number = {{ number }});
    set variable haicap_dossiers_to = (select range_to from {{ ranges }} where range_number = {{ number }})
{%- endmacro %}

{#- pre-hook of fct_dossiers: in a full build, the model's own statement writes the first range -#}
{% macro start_dossier_ranges() -%}
    {%- if not is_incremental() -%}
        {{ set_dossier_range(1) }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- post-hook of fct_dossiers: in a full build, append the other ranges, each sorted by
`order_by`, then clear the range (the session goes on to other models) -#}
{% macro append_other_dossier_ranges(order_by) -%}
    {%- if not is_incremental() and execute -%}
        {%- set ranges = run_query('select count(*) from ' ~ ref('stg_dossiers__code_ranges')).columns[0].values()[0] -%}
        {%- for number in range(2, ranges + 1) %}
        {{ set_dossier_range(number) }};
        insert into {{ this }} select * from {{ ref('int_dossiers__measured') }} order by {{ order_by }};
        {%- endfor %}
        reset variable haicap_dossiers_from;
        reset variable haicap_dossiers_to
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
