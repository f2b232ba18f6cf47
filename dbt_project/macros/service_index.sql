{#- The service index of `source` (a relation with the count columns of
    int_units__monthly_quality, keyed by `keys`): indicator values, points from the threshold
    seed, groups, and the score rescaled to 100 over the measured groups. -#}
{% macro service_index(source, keys) %}
with

counts as (
    select * from {{ source }}
),

indicators as (
    select * from {{ ref('seed_service_index_indicators') }}
),

thresholds as (
    select * from {{ ref('seed_service_index_thresholds') }}
),

values_long as (
    {% set formulas = {
        'on_time_rate': 'finished_in_time / nullif(finished, 0)',
        'not_overdue_share': '1 - (cohort_late_by_stock_day + cohort_overdue_on_stock_day) / nullif(cohort_received, 0)',
        'online_share': 'received_online / nullif(received, 0)',
        'full_online_share': 'received_full_online / nullif(received_full_online_procedures, 0)',
        'paid_online_share': 'paid_online / nullif(received_with_fee, 0)',
        'satisfaction': '1 - ((cohort_late_by_stock_day + cohort_overdue_on_stock_day) / nullif(cohort_received, 0) + coalesce(rated_poor / nullif(rated, 0), 0))',
        'digitised_share': 'digitised / nullif(received, 0)',
        'e_result_share': 'finished_e_result / nullif(finished, 0)',
    } %}
    {% for code, formula in formulas.items() -%}
    select
        {{ keys | join(', ') }},
        '{{ code }}' as indicator_code,
        {{ formula }} as indicator_value
    from counts
    {% if not loop.last %}union all
    {% endif %}
    {%- endfor %}
),

scored as (
    select
        {% for key in keys %}values_long.{{ key }}, {% endfor %}
        values_long.indicator_code,
        values_long.indicator_value,
        indicators.group_code,
        indicators.indicator_max_points,
        (
            select max(thresholds.points_share)
            from thresholds
            where
                thresholds.indicator_code = values_long.indicator_code
                and thresholds.min_value <= values_long.indicator_value
        ) * indicators.indicator_max_points as points
    from values_long
    inner join indicators on values_long.indicator_code = indicators.indicator_code
    where indicators.is_measured
),

final as (
    select
        {{ keys | join(', ') }},
        {% for code in formulas.keys() -%}
        round(max(indicator_value) filter (where indicator_code = '{{ code }}'), 4) as {{ code }},
        {% endfor -%}
        {% for group in ['progress', 'online_service', 'online_payment', 'satisfaction', 'digitisation'] -%}
        sum(points) filter (where group_code = '{{ group }}') as points_{{ group }},
        {% endfor -%}
        sum(points) as points,
        sum(indicator_max_points) filter (where indicator_value is not null) as measured_max_points,
        round(100 * sum(points) / nullif(sum(indicator_max_points) filter (
            where indicator_value is not null
        ), 0), 1) as service_index,
        'Công khai minh bạch (18 điểm) không đo được từ dữ liệu: điểm được quy về thang 100 trên '
        || sum(indicator_max_points) filter (where indicator_value is not null)::integer
        || ' điểm đo được.' as method_note
    from scored
    group by all
)

select * from final
{% endmacro %}
