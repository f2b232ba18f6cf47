{{ config(schema='intermediate') }}
-- One row per unit and day whose rows of rpt_unit_lateness_daily an incremental build makes
-- again: the days on which a changed dossier was finished or entered or left the overdue
-- backlog, in its new version or in the one it replaced (so a dossier that moves to another
-- unit, field, agency or supplement group is taken off its old rows and put on its new ones),
-- and, for every unit, the days between the previous and the new as-of day when the as-of day
-- moved (var previous_as_of_day). Empty in a full build.
{%- set previous_as_of_day = var('previous_as_of_day', none) %}
-- depends_on: {{ ref('int_dossiers__changed') }}
-- depends_on: {{ ref('fct_dossiers') }}
-- depends_on: {{ ref('fct_dossier_overdue_spans') }}
-- depends_on: {{ ref('int_build__as_of') }}
-- depends_on: {{ ref('dim_unit') }}
with

{% if incremental_build() -%}
    dossiers as (
        select
            dossier_code,
            unit_code,
            is_finished,
            end_day,
            'now' as version
        from {{ ref('int_dossiers__changed') }}
        where is_received
        union all
        select
            dossier_code,
            unit_code,
            is_finished,
            end_day,
            'before' as version
        from {{ replaced_rows(ref('fct_dossiers')) }}
        where is_received
    ),

    spans as (
        select
            dossier_code,
            from_day,
            to_day,
            'now' as version
        from {{ ref('fct_dossier_overdue_spans') }}
        where dossier_code in (select dossier_code from {{ ref('int_dossiers__changed') }})
        union all
        select
            dossier_code,
            from_day,
            to_day,
            'before' as version
        from {{ replaced_rows(ref('fct_dossier_overdue_spans')) }}
    ),

    changed_days as (
        select
            unit_code,
            end_day as day
        from dossiers
        where is_finished
        union all
        select
            dossiers.unit_code,
            unnest([spans.from_day, spans.to_day]) as day
        from spans
        inner join dossiers
            on spans.dossier_code = dossiers.dossier_code and spans.version = dossiers.version
    ),

    previous_build as (
        select {{ "'" ~ previous_as_of_day ~ "'" if previous_as_of_day else 'null' }}::date as as_of_day
    ),

    as_of_days as (
        -- the days that came into the window or left it: after the earlier as-of day, up to the
        -- later one
        select
            unnest(generate_series(
                least(previous_build.as_of_day, as_of.as_of_day) + 1,
                greatest(previous_build.as_of_day, as_of.as_of_day),
                interval 1 day
            ))::date as day
        from {{ ref('int_build__as_of') }} as as_of
        cross join previous_build
        where as_of.as_of_day is distinct from previous_build.as_of_day
    ),

    final as (
        select
            unit_code,
            day
        from changed_days
        where day is not null
        union
        select
            units.unit_code,
            as_of_days.day
        from {{ ref('dim_unit') }} as units
        cross join as_of_days
    )
{%- else -%}
    final as (
        select
            null::varchar as unit_code,
            null::date as day
        where false
    )
{%- endif %}

select * from final
