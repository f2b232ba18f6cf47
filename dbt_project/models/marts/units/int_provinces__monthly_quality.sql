-- One row per province and month: the service index counts of its units (wards and province
-- level) summed.
with

units as (
    select * from {{ ref('int_units__monthly_quality') }}
),

final as (
    select
        province_code,
        month,
        {% for column in ['received', 'received_online', 'finished', 'finished_in_time',
            'finished_late', 'cohort_received', 'cohort_late_by_stock_day',
            'cohort_in_time_by_stock_day', 'cohort_overdue_on_stock_day',
            'received_full_online_procedures', 'received_full_online', 'received_with_fee',
            'paid_online', 'digitised', 'finished_e_result', 'rated', 'rated_poor'] -%}
            sum({{ column }}) as {{ column }},
        {% endfor -%}
        max(stock_day) as stock_day
    from units
    group by province_code, month
)

select * from final
