-- One row per province per calendar month: its wards plus its province-level dossiers.
with

monthly as (
    select * from {{ ref('int_units__monthly') }}
),

summed as (
    select
        province_code,
        month,
        {% for column in flow_column_names() + ['pending_end', 'pending_overdue_end'] -%}
            sum({{ column }})::integer as {{ column }},
        {% endfor -%}
        max(stock_day) as stock_day
    from monthly
    group by province_code, month
),

final as (
    select
        *,
        {{ rates() }}
    from summed
)

select * from final
order by province_code, month
