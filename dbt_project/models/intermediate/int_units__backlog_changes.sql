{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    pre_hook="{{ delete_all_unless_incremental_build() }}",
    unique_key=['unit_code', 'cohort', 'day'],
) }}
-- One row per unit (ward or province level), backlog cohort and day on which its pending
-- backlog changed: the day's change of each ageing and past-due bucket (summed into stocks by
-- rpt_backlog_ageing_daily). Cohort `inherited`: received before the reform day. Incremental:
-- the changes of the changed dossiers' new versions are added and those of their previous
-- versions (kept by fct_dossiers' pre-hook) taken off.
{%- set buckets = age_buckets() + past_due_buckets() %}
{%- if is_incremental() and is_incremental_build() -%}
    {%- set versions = [('now', ref('fct_dossiers'), 1), ('before', dossiers_before(), -1)] -%}
{%- else -%}
    {%- set versions = [('now', ref('fct_dossiers'), 1)] -%}
{%- endif %}

with

dossiers as (
    -- dossiers with the same days count together (`dossiers` of them): far fewer rows to
    -- cut into bucket spans than one per dossier
    {% for version, source, sign in versions -%}
        select
            unit_code,
            received_day,
            due_day,
            pending_until_day,
            case when is_inherited then 'inherited' else 'since_reform' end as cohort,
            {{ sign }} * count(*) as dossiers
        from {{ source }}
        where
            is_received and (pending_until_day is null or pending_until_day > received_day)
            {{- only_changed_dossiers() if version == 'now' else '' }}
        group by all
        {% if not loop.last %}union all
        {% endif %}
    {%- endfor %}
),

bucket_spans as (
    {% for name, low, high in age_buckets() -%}
        select
            unit_code,
            cohort,
            dossiers,
            '{{ name }}' as bucket,
            received_day + {{ low }} as from_day,
            {% if high is none %}pending_until_day{% else %}least(
                coalesce(pending_until_day, received_day + {{ high + 1 }}), received_day + {{ high + 1 }}
            ){% endif %} as to_day
        from dossiers
        union all
    {% endfor -%}
    {% for name, low, high in past_due_buckets() -%}
        select
            unit_code,
            cohort,
            dossiers,
            '{{ name }}' as bucket,
            {% if low is none %}received_day{% else %}greatest(received_day, due_day + {{ low }}){% endif %} as from_day,
            {% if high is none %}pending_until_day{% else %}least(
                coalesce(pending_until_day, due_day + {{ high + 1 }}), due_day + {{ high + 1 }}
            ){% endif %} as to_day
        from dossiers
        {% if not loop.last %}union all
        {% endif %}
    {%- endfor %}
),

events as (
    select
        unit_code,
        cohort,
        bucket,
        from_day as day,
        dossiers as change
    from bucket_spans
    where to_day is null or from_day < to_day
    union all
    select
        unit_code,
        cohort,
        bucket,
        to_day as day,
        -dossiers as change
    from bucket_spans
    where to_day is not null and from_day < to_day
),

summed as (
    select
        unit_code,
        cohort,
        day,
        {% for name, low, high in buckets -%}
            coalesce(sum(change) filter (where bucket = '{{ name }}'), 0)::integer as {{ name }},
        {% endfor -%}
        coalesce(sum(change) filter (where bucket in (
            'not_yet_due', 'past_due_1_7_days',
            'past_due_8_30_days', 'past_due_over_30_days'
        )), 0)::integer as pending
    from events
    group by unit_code, cohort, day
),

final as (
    {% if is_incremental() and is_incremental_build() -%}
        -- the rows the changes touch, as they were plus the changes
        select
            summed.unit_code,
            summed.cohort,
            summed.day,
            {% for column in buckets | map(attribute=0) | list + ['pending'] -%}
                coalesce(previous.{{ column }}, 0) + summed.{{ column }} as {{ column }}{% if not loop.last %},{% endif %}
            {% endfor %}
        from summed
        left join {{ this }} as previous
            on
                summed.unit_code = previous.unit_code
                and summed.cohort = previous.cohort
                and summed.day = previous.day
    {%- else -%}
        select * from summed
    {%- endif %}
)

select * from final
