-- One row per unit (ward or province level), day and cohort: the pending dossiers at the end
-- of the day by how long they have been open and how far past their due day. The cohort
-- `inherited` (received before the reform day, 1 July 2025) is listed until it is cleared;
-- `since_reform` from the unit's first received dossier to the as-of day. Incremental: a
-- changed unit's rows from its restart day (int_units__restart_days) on are made again, the
-- running sums starting from the stocks of the day before (kept; no inherited row: none left).
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ delete_from_restart_days() }}",
) }}
{%- set incremental_run = is_incremental() %}
{%- set buckets = age_buckets() + past_due_buckets() %}
-- depends_on: {{ ref('int_build__as_of') }}
with

daily_changes as (
    select * from {{ ref('int_units__backlog_changes') }}
),

restarts as (
    -- empty in a full build
    select * from {{ ref('int_units__restart_days') }}
),

spine as (
    -- incremental: the unit-days made again by int_units__daily
    select daily.*
    from {{ ref('int_units__daily') }} as daily
    {% if incremental_run %}inner{% else %}left{% endif %} join restarts on daily.unit_code = restarts.unit_code
    where daily.day >= coalesce(restarts.restart_day, daily.day)
),

kept as (
    -- the stocks at the end of the day before each restart day (none in a full build)
    {% if incremental_run -%}
        select previous.*
        from {{ this }} as previous
        inner join restarts
            on previous.unit_code = restarts.unit_code and previous.day = restarts.restart_day - 1
    {%- else -%}
        -- the same bucket columns, no rows
        select * from daily_changes
        where false
    {%- endif %}
),

cohorts as (
    select 'inherited' as cohort
    union all
    select 'since_reform' as cohort
),

stocks as (
    select
        spine.province_code,
        spine.ward_code,
        spine.unit_code,
        spine.is_province_level,
        spine.day,
        cohorts.cohort,
        {% for name in buckets | map(attribute=0) | list + ['pending'] -%}
            coalesce(kept.{{ name }}, 0)
            + sum(coalesce(daily_changes.{{ name }}, 0)) over unit_days as {{ name }}{% if not loop.last %},{% endif %}
        {% endfor -%}
    from spine
    cross join cohorts
    left join daily_changes
        on
            spine.unit_code = daily_changes.unit_code
            and spine.day = daily_changes.day
            and cohorts.cohort = daily_changes.cohort
    left join kept on spine.unit_code = kept.unit_code and cohorts.cohort = kept.cohort
    window unit_days as (
        partition by spine.unit_code, cohorts.cohort order by spine.day rows unbounded preceding
    )
),

final as (
    select
        province_code,
        ward_code,
        unit_code,
        is_province_level,
        day,
        cohort,
        pending::integer as pending,
        {% for name, low, high in age_buckets() + past_due_buckets() -%}
            {{ name }}::integer as {{ name }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from stocks
    where cohort = 'since_reform' or pending > 0
)

select * from final
{% if not incremental_run -%}
    order by province_code, unit_code, day, cohort
{%- endif %}
