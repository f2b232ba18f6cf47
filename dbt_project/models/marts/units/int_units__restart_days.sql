-- One row per unit whose daily stocks change in this incremental build: `restart_day`, the
-- first day from which its running stocks (int_units__daily, rpt_unit_field_daily,
-- rpt_backlog_ageing_daily) must be computed again; their rows before it are kept, and the
-- stock of the day before is where the running sums start again. Empty in a full build.
-- The day is the first day on which the events of the changed dossiers' new versions differ
-- from those of their previous versions (the rows fct_dossiers and the spans replaced), or,
-- for every unit, the day after the earlier of the previous and the new as-of day when the
-- as-of day moved (var previous_as_of_day, given by `haicap build`). Events are compared by
-- kind, field and the state that decides where they count (channel, timeliness, closed,
-- cohort; as columns, not concatenated into one text), so any change of a dossier's counting
-- moves the day to no later than the first day it touches.
{%- set previous_as_of_day = var('previous_as_of_day', none) %}
-- depends_on: {{ ref('int_dossiers__changed') }}
-- depends_on: {{ ref('fct_dossiers') }}
-- depends_on: {{ ref('fct_dossier_overdue_spans') }}
-- depends_on: {{ ref('int_build__as_of') }}
-- depends_on: {{ ref('dim_unit') }}
with

{% if incremental_build() -%}
    dossiers_now as (
        select * from {{ ref('int_dossiers__changed') }}
        where is_received
    ),

    dossiers_before as (
        select * from {{ replaced_rows(ref('fct_dossiers')) }}
        where is_received
    ),

    spans_now as (
        select * from {{ ref('fct_dossier_overdue_spans') }}
        where dossier_code in (select dossiers_now.dossier_code from dossiers_now)
    ),

    spans_before as (
        select * from {{ replaced_rows(ref('fct_dossier_overdue_spans')) }}
    ),

    events as (
        {% for version, sign in [('now', 1), ('before', -1)] -%}
            select
                unit_code,
                'received' as kind,
                field_name,
                is_online::varchar as state,
                is_inherited,
                received_day as day,
                {{ sign }} as sign
            from dossiers_{{ version }}
            union all
            select
                unit_code,
                'finished' as kind,
                field_name,
                timeliness as state,
                null as is_inherited,
                end_day as day,
                {{ sign }} as sign
            from dossiers_{{ version }}
            where is_finished
            union all
            select
                unit_code,
                'pending_until' as kind,
                field_name,
                is_closed::varchar as state,
                is_inherited,
                pending_until_day as day,
                {{ sign }} as sign
            from dossiers_{{ version }}
            where pending_until_day is not null
            union all
            select
                unit_code,
                -- an unknown due day: from the received day, the earliest day it can touch
                'due' as kind,
                null as field_name,
                (due_day is null)::varchar as state,
                is_inherited,
                coalesce(due_day, received_day) as day,
                {{ sign }} as sign
            from dossiers_{{ version }}
            union all
            select
                -- +1 on the first overdue day, -1 on the day after the last (if any)
                dossiers_{{ version }}.unit_code,
                'overdue' as kind,
                dossiers_{{ version }}.field_name,
                null as state,
                null as is_inherited,
                unnest([spans_{{ version }}.from_day, spans_{{ version }}.to_day]) as day,
                unnest([{{ sign }}, {{ -sign }}]) as sign
            from spans_{{ version }}
            inner join dossiers_{{ version }}
                on spans_{{ version }}.dossier_code = dossiers_{{ version }}.dossier_code
            {% if not loop.last %}union all
            {% endif %}
        {%- endfor %}
    ),

    differing as (
        select
            unit_code,
            kind,
            field_name,
            state,
            is_inherited,
            day
        from events
        where day is not null
        group by unit_code, kind, field_name, state, is_inherited, day
        having sum(sign) <> 0
    ),

    previous_build as (
        select {{ "'" ~ previous_as_of_day ~ "'" if previous_as_of_day else 'null' }}::date as as_of_day
    ),

    as_of_moved as (
        select least(previous_build.as_of_day, as_of.as_of_day) + 1 as day
        from {{ ref('int_build__as_of') }} as as_of
        cross join previous_build
        where as_of.as_of_day is distinct from previous_build.as_of_day
    ),

    restarts as (
        select
            unit_code,
            day
        from differing
        union all
        select
            units.unit_code,
            as_of_moved.day
        from {{ ref('dim_unit') }} as units
        cross join as_of_moved
    ),

    final as (
        select
            unit_code,
            min(day) as restart_day
        from restarts
        group by unit_code
    )
{%- else -%}
    final as (
        select
            null::varchar as unit_code,
            null::date as restart_day
        where false
    )
{%- endif %}

select * from final
