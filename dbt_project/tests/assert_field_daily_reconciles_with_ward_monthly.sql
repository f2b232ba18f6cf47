-- The per-field mart summed over fields is the ward table: for every ward and month, each flow
-- column adds up to rpt_ward_monthly's, and the stock changes summed up to the month's stock
-- day give its pending_end and pending_overdue_end. Returns the ward-months that differ.
{% set flows = flow_column_names() %}
with

field_monthly as (
    select
        ward_code,
        month,
        {% for c in flows -%}
            sum({{ c }}) as {{ c }},
        {% endfor -%}
        sum(pending_change) as pending_change,
        sum(overdue_change) as overdue_change
    from {{ ref('rpt_unit_field_daily') }}
    where not is_province_level
    group by ward_code, month
),

compared as (
    select
        coalesce(monthly.ward_code, field_monthly.ward_code) as ward_code,
        coalesce(monthly.month, field_monthly.month) as month,
        monthly.ward_code is null as is_missing_in_ward_monthly,
        {% for c in flows -%}
            coalesce(field_monthly.{{ c }}, 0) <> coalesce(monthly.{{ c }}, -1) as differs_{{ c }},
        {% endfor -%}
        monthly.pending_end,
        monthly.pending_overdue_end,
        sum(coalesce(field_monthly.pending_change, 0)) over ward_months as pending_from_fields,
        sum(coalesce(field_monthly.overdue_change, 0)) over ward_months as overdue_from_fields
    from {{ ref('rpt_ward_monthly') }} as monthly
    full outer join field_monthly
        on monthly.ward_code = field_monthly.ward_code and monthly.month = field_monthly.month
    window ward_months as (
        partition by coalesce(monthly.ward_code, field_monthly.ward_code)
        order by coalesce(monthly.month, field_monthly.month)
        rows unbounded preceding
    )
),

final as (
    select *
    from compared
    where
        is_missing_in_ward_monthly
        {% for c in flows -%}
            or differs_{{ c }}
        {% endfor -%}
        or pending_end <> pending_from_fields
        or pending_overdue_end <> overdue_from_fields
)

select * from final
