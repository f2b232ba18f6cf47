-- One row per unit (ward or province level), day and cohort: the pending dossiers at the end
-- of the day by how long they have been open and how far past their due day. The cohort
-- `inherited` (received before the reform day, 1 July 2025) is listed until it is cleared;
-- `since_reform` from the unit's first received dossier to the as-of day.
with

dossiers as (
    -- dossiers with the same days count together (`dossiers` of them): far fewer rows to
    -- cut into bucket spans than one per dossier
    select
        unit_code,
        received_day,
        due_day,
        pending_until_day,
        case when is_inherited then 'inherited' else 'since_reform' end as cohort,
        count(*) as dossiers
    from {{ ref('fct_dossiers') }}
    where is_received and (pending_until_day is null or pending_until_day > received_day)
    group by all
),

spine as (
    select * from {{ ref('int_units__daily') }}
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

daily_changes as (
    select
        unit_code,
        cohort,
        day,
        {% for name, low, high in age_buckets() + past_due_buckets() -%}
            sum(change) filter (where bucket = '{{ name }}') as {{ name }},
        {% endfor -%}
        sum(change) filter (where bucket in (
            'not_yet_due', 'past_due_1_7_days',
            'past_due_8_30_days', 'past_due_over_30_days'
        )) as pending
    from events
    group by unit_code, cohort, day
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
