-- The sum over a province's wards plus its province-level dossiers equals the province row,
-- for every flow and stock column and every month (metrics.md). Returns the rows that differ.
{% set columns = flow_column_names() + ['pending_end', 'pending_overdue_end'] %}
with

parts as (
    select province_code, month, {{ columns | join(', ') }} from {{ ref('rpt_ward_monthly') }}
    union all
    select province_code, month, {{ columns | join(', ') }}
    from {{ ref('rpt_province_level_monthly') }}
),

summed as (
    select
        province_code,
        month,
        sum(received) as received,
        sum(received_online) as received_online,
        sum(finished) as finished,
        sum(finished_early) as finished_early,
        sum(finished_on_time) as finished_on_time,
        sum(finished_late) as finished_late,
        sum(closed) as closed,
        sum(pending_end) as pending_end,
        sum(pending_overdue_end) as pending_overdue_end,
        count(*) as unit_rows
    from parts
    group by province_code, month
),

final as (
    select
        coalesce(summed.province_code, province.province_code) as province_code,
        coalesce(summed.month, province.month) as month
    from summed
    full outer join {{ ref('rpt_province_monthly') }} as province
        on summed.province_code = province.province_code and summed.month = province.month
    where
        {% for c in columns %}coalesce(summed.{{ c }}, -1) <> coalesce(province.{{ c }}, -1){% if not loop.last %}
            or {% endif %}{% endfor %}
)

select * from final
