{#- Writing the dossier fact one range of dossier codes at a time (full builds).

Sorted in one statement, the fact (100 M dossiers x 44 columns) is a sort far bigger than
memory: it spilled ~21 GB, 265 of the fact's 508 s in a 12.6-minute build. Cut into ranges of MaHoSo of
about 12 M raw rows each (~4.5 GB of memory to sort one; smaller ranges cost more: at 10 M, one
range took 20.5 s, four 23.7 s), every range is read from the raw layer on its own (the range is pushed
down to the raw scans, so it reads only the row groups that hold those codes), deduplicated,
measured and sorted in memory, and appended. Every version of a dossier, its supplement requests
and its ratings carry its code, so they fall in the same range: the rows are the same as in one
statement. The ranges follow the codes' order, and codes start with the province and ward
(MaHoSo: `01.00004.250423.082172`), so the table stays clustered by province and unit; codes
written otherwise give the same rows, less well clustered.

The range reaches int_dossiers__measured (a view) through two DuckDB session variables, which
DuckDB folds into constants before pushing filters down. With no variables set (an incremental
build, a unit test, a small world of one range) the view has every dossier. -#}

{#- `column` lies in the range being written (true when none is set) -#}
{% macro in_dossier_range(column='dossier_code') -%}
    (getvariable('haicap_dossiers_from') is null or {{ column }} >= getvariable('haicap_dossiers_from'))
    and (getvariable('haicap_dossiers_to') is null or {{ column }} < getvariable('haicap_dossiers_to'))
{%- endmacro %}

{#- pre-hook of fct_dossiers: in a full build, cut the codes into ranges of about
`dossiers_per_range` raw rows (bounds: the codes that cut a sample of 100,000 of them into
equal parts; kept in build_state.dossier_ranges) and set the first range for the model's own
statement -#}
{% macro start_dossier_ranges(dossiers_per_range=var("dossiers_per_range")) -%}
    {%- if not is_incremental_build() -%}
        create schema if not exists build_state;
        create or replace table build_state.dossier_ranges as
        with
        size as (
            select greatest(1, ceil(count(*) / {{ dossiers_per_range }}))::integer as ranges
            from {{ source('raw', 'dossiers') }}
        ),
        sample as (
            select "MaHoSo" as code from {{ source('raw', 'dossiers') }} using sample 100000 rows
        ),
        tiles as (
            select sample.code, ntile(size.ranges) over (order by sample.code) as tile
            from sample, size
        ),
        bounds as (
            select distinct min(code) as bound from tiles where tile > 1 group by tile
        ),
        ordered as (
            select bound as range_from, lead(bound) over (order by bound) as range_to from bounds
            union all
            select null, min(bound) from bounds
        )
        select row_number() over (order by range_from nulls first) as range_number, range_from, range_to
        from ordered;
        {{ set_dossier_range(1) }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- make range `number` of build_state.dossier_ranges the one int_dossiers__measured reads -#}
{% macro set_dossier_range(number) -%}
    set variable haicap_dossiers_from = (select range_from from build_state.dossier_ranges where range_number = {{ number }});
    set variable haicap_dossiers_to = (select range_to from build_state.dossier_ranges where range_number = {{ number }})
{%- endmacro %}

{#- post-hook of fct_dossiers: in a full build, append the other ranges, each sorted by
`order_by`, then clear the range (the session goes on to other models) -#}
{% macro append_other_dossier_ranges(order_by) -%}
    {%- if not is_incremental_build() and execute -%}
        {%- set ranges = run_query('select count(*) from build_state.dossier_ranges').columns[0].values()[0] -%}
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
