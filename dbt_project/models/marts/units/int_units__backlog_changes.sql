{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key=['unit_code', 'cohort', 'day'],
) }}
-- One row per unit (ward or province level), backlog cohort and day on which its pending
-- backlog changed: the day's change of each ageing and past-due bucket (summed into stocks by
-- rpt_backlog_ageing_daily). Cohort `inherited`: received before the reform day. A dossier is
-- pending from its received day to the day before pending_until_day: it arrives in the first
-- age bucket (they start at age 0) and in the past-due bucket of its received day, moves up on
-- the first day of each later bucket it is still pending on, and leaves the buckets of its
-- last pending day. The moves are counted per received day, due day and pending-until day
-- (a few rows per unit and day rather than one per dossier and bucket). A dossier without a due day is never past due.
-- Incremental: the changes of the changed dossiers' new versions (int_dossiers__changed) are
-- added to the rows of the same key, and those of the versions they replaced taken off
-- (build_state.fct_dossiers__replaced, kept by fct_dossiers' pre-hook).
{%- set ages = age_buckets() %}
{%- set dues = past_due_buckets() %}
{%- set buckets = ages + dues %}
-- depends_on: {{ ref('int_dossiers__changed') }}
{%- set incremental_run = is_incremental() %}
{%- if incremental_run -%}
    {%- set versions = [
        ('now', ref('int_dossiers__changed'), 1),
        ('before', replaced_rows(ref('fct_dossiers')), -1),
    ] -%}
{%- else -%}
    {%- set versions = [('now', ref('fct_dossiers'), 1)] -%}
{%- endif %}

with

dossiers as (
    {% for version, source, sign in versions -%}
        select
            unit_code,
            received_day,
            due_day,
            pending_until_day,
            case when is_inherited then 'inherited' else 'since_reform' end as cohort,
            {{ sign }} as sign
        from {{ source }}
        where
            is_received and (pending_until_day is null or pending_until_day > received_day)
        {% if not loop.last %}union all
        {% endif %}
    {%- endfor %}
),

arrivals as (
    -- per received day: the arrivals, by past-due bucket, and those still pending on the first
    -- day of each later age bucket
    select
        unit_code,
        cohort,
        received_day,
        sum(sign) as arrived,
        {% for bucket in dues -%}
            sum(sign) filter (where {{ in_past_due_bucket(loop.index0, 'received_day') }}) as arrived_{{ loop.index0 }},
        {% endfor -%}
        {% for name, low, high in ages[1:] -%}
            sum(sign) filter (
                where pending_until_day is null or pending_until_day > received_day + {{ low }}
            ) as aged_{{ loop.index }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from dossiers
    group by unit_code, cohort, received_day
),

passed_due as (
    -- per due day: those still pending on the first day of each later past-due bucket,
    -- received before it
    select
        unit_code,
        cohort,
        due_day,
        {% for name, low, high in dues[1:] -%}
            sum(sign) filter (
                where received_day < due_day + {{ low }} and (
                    pending_until_day is null or pending_until_day > due_day + {{ low }}
                )
            ) as passed_{{ loop.index }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from dossiers
    where due_day is not null
    group by unit_code, cohort, due_day
),

departures as (
    -- per pending-until day: the dossiers leaving, by the buckets of their last pending day
    select
        unit_code,
        cohort,
        pending_until_day,
        {% for bucket in ages -%}
            sum(sign) filter (where {{ in_age_bucket(loop.index0, 'pending_until_day - 1') }}) as left_age_{{ loop.index0 }},
        {% endfor -%}
        {% for bucket in dues -%}
            sum(sign) filter (where {{ in_past_due_bucket(loop.index0, 'pending_until_day - 1') }}) as left_due_{{ loop.index0 }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from dossiers
    where pending_until_day is not null
    group by unit_code, cohort, pending_until_day
),

events as (
    {%- set arrived = {ages[0][0]: 'arrived'} %}
    {%- for name, low, high in dues %}{% do arrived.update({name: 'arrived_' ~ loop.index0}) %}{% endfor %}
    select
        unit_code,
        cohort,
        received_day as day,
        {{- backlog_bucket_changes(arrived) }}
    from arrivals
    {% for name, low, high in ages[1:] -%}
        union all
        select
            unit_code,
            cohort,
            received_day + {{ low }} as day,
            {{- backlog_bucket_changes({ages[loop.index0][0]: '-aged_' ~ loop.index, name: 'aged_' ~ loop.index}) }}
        from arrivals
        where aged_{{ loop.index }} != 0
    {% endfor -%}
    {% for name, low, high in dues[1:] -%}
        union all
        select
            unit_code,
            cohort,
            due_day + {{ low }} as day,
            {{- backlog_bucket_changes({dues[loop.index0][0]: '-passed_' ~ loop.index, name: 'passed_' ~ loop.index}) }}
        from passed_due
        where passed_{{ loop.index }} != 0
    {% endfor -%}
    {%- set left = {} %}
    {%- for name, low, high in ages %}{% do left.update({name: '-left_age_' ~ loop.index0}) %}{% endfor %}
    {%- for name, low, high in dues %}{% do left.update({name: '-left_due_' ~ loop.index0}) %}{% endfor %}
    union all
    select
        unit_code,
        cohort,
        pending_until_day as day,
        {{- backlog_bucket_changes(left) }}
    from departures
),

summed as (
    select
        unit_code,
        cohort,
        day,
        {% for name, low, high in buckets -%}
            coalesce(sum({{ name }}), 0)::integer as {{ name }},
        {% endfor -%}
        (
            {% for name, low, high in dues -%}
                coalesce(sum({{ name }}), 0){% if not loop.last %} + {% endif %}
            {%- endfor %}
        )::integer as pending
    from events
    group by unit_code, cohort, day
),

final as (
    {% if incremental_run -%}
        {{ previous_plus_changes(['unit_code', 'cohort', 'day'], buckets | map(attribute=0) | list + ['pending']) }}
    {%- else -%}
        select * from summed
    {%- endif %}
)

select * from final
