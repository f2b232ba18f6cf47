{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key=['unit_code', 'field_name', 'agency_code', 'supplement_group', 'day'],
    schema='intermediate',
    post_hook="delete from {{ this }} where finished = 0 and overdue_change = 0",
) }}
-- One row per unit (ward or province level), procedure field, handling agency, supplement
-- group and day with a finished dossier or a move of the overdue backlog, on any day (also
-- after the as-of day: an overdue span starts the day after its due day, which may be still to
-- come). What rpt_unit_lateness_daily shows up to the as-of day; kept apart so that a build
-- whose as-of day moves finds the rows of the days it now shows without reading the facts.
-- Incremental: the moves of the changed dossiers' new versions (int_dossiers__changed) are
-- added to the rows of the same key, and those of the versions they replaced taken off
-- (build_state.fct_dossiers__replaced and fct_dossier_overdue_spans__replaced, kept by the
-- facts' pre-hooks); a row left with no finished dossier and no move goes (post-hook; its
-- late counts are then 0 too).
{%- set columns = ['finished', 'finished_late', 'late_with_request', 'late_wait_working_days',
    'overdue_change'] -%}
{#- (dossiers, spans, sign): every dossier in a full build; in an incremental one the new
versions of the changed dossiers (+1) and their previous versions (-1) -#}
{%- set incremental_run = is_incremental() %}
{%- if incremental_run -%}
    {%- set versions = [
        (ref('int_dossiers__changed'), ref('fct_dossier_overdue_spans'), 1),
        (replaced_rows(ref('fct_dossiers')), replaced_rows(ref('fct_dossier_overdue_spans')), -1),
    ] -%}
{%- else -%}
    {%- set versions = [(ref('fct_dossiers'), ref('fct_dossier_overdue_spans'), 1)] -%}
{%- endif %}

-- depends_on: {{ ref('int_dossiers__changed') }}
with

dossiers as not materialized (
    -- (not materialized: each kind of move reads the columns it needs from the table)
    {% for dossier_source, span_source, sign in versions -%}
        select
            dossier_code,
            unit_code,
            coalesce(field_name, 'Chưa rõ lĩnh vực') as field_name,
            coalesce(agency_code, '') as agency_code,
            case
                when supplement_requests = 0 then 'none'
                when supplement_requests = 1 then 'one'
                else 'several'
            end as supplement_group,
            end_day,
            is_finished,
            timeliness,
            supplement_requests,
            supplement_wait_working_days,
            {{ sign }} as sign
        from {{ dossier_source }}
        where is_received
        {% if not loop.last %}union all
        {% endif %}
    {%- endfor %}
),

finished_days as (
    select
        unit_code,
        field_name,
        agency_code,
        supplement_group,
        end_day as day,
        sum(sign) as finished,
        coalesce(sum(sign) filter (where timeliness = 'late'), 0) as finished_late,
        coalesce(sum(sign) filter (where timeliness = 'late' and supplement_requests > 0), 0)
            as late_with_request,
        coalesce(sum(sign * supplement_wait_working_days) filter (where timeliness = 'late'), 0)
            as late_wait_working_days,
        0 as overdue_change
    from dossiers
    where is_finished and end_day is not null
    group by all
),

span_days as (
    -- +1 on the first overdue day of a span, -1 on the day after its last
    {% for dossier_source, span_source, sign in versions -%}
        select
            dossiers.unit_code,
            dossiers.field_name,
            dossiers.agency_code,
            dossiers.supplement_group,
            unnest([overdue_spans.from_day, overdue_spans.to_day]) as day,
            unnest([dossiers.sign, -dossiers.sign]) as change
        from {{ span_source }} as overdue_spans
        inner join dossiers
            on
                overdue_spans.dossier_code = dossiers.dossier_code
                and dossiers.sign = {{ sign }}
        {% if not loop.last %}union all
        {% endif %}
    {%- endfor %}
),

overdue_moves as (
    select
        unit_code,
        field_name,
        agency_code,
        supplement_group,
        day,
        0 as finished,
        0 as finished_late,
        0 as late_with_request,
        0 as late_wait_working_days,
        sum(change) as overdue_change
    from span_days
    where day is not null
    group by all
),

moves as (
    select * from finished_days
    union all
    select * from overdue_moves
),

summed as (
    select
        unit_code,
        field_name,
        agency_code,
        supplement_group,
        day,
        {% for column in columns -%}
            sum({{ column }})::integer as {{ column }}{% if not loop.last %},{% endif %}
        {% endfor -%}
    from moves
    group by all
),

final as (
    {% if incremental_run -%}
        {{ previous_plus_changes(['unit_code', 'field_name', 'agency_code', 'supplement_group', 'day'], columns) }}
    {%- else -%}
        select * from summed
        where finished <> 0 or overdue_change <> 0
    {%- endif %}
)

select * from final
