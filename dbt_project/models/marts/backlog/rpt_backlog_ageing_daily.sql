-- One row per unit (ward or province level), day and cohort: the pending dossiers at the end
-- of the day by how long they have been open and how far past their due day. The cohort
-- `inherited` (received before the reform day, 1 July 2025) is listed until it is cleared;
-- `since_reform` from the unit's first received dossier to the as-of day.
with

daily_changes as (
    select * from {{ ref('int_units__backlog_changes') }}
),

spine as (
    select * from {{ ref('int_units__daily') }}
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
        {% for name, low, high in age_buckets() + past_due_buckets() -%}
            sum(coalesce(daily_changes.{{ name }}, 0)) over unit_days as {{ name }},
        {% endfor -%}
        sum(coalesce(daily_changes.pending, 0)) over unit_days as pending
    from spine
    cross join cohorts
    left join daily_changes
        on
            spine.unit_code = daily_changes.unit_code
            and spine.day = daily_changes.day
            and cohorts.cohort = daily_changes.cohort
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
order by province_code, unit_code, day, cohort
