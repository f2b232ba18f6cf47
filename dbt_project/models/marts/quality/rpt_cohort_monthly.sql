-- One row per unit (ward or province level) and month of receipt: the month's received
-- cohort looked at on its stock day (the month's last day, or the as-of day) — the shares of
-- metrics.md: in_time_share, overdue_share.
with

quality as (
    select * from {{ ref('int_units__monthly_quality') }}
),

final as (
    select
        province_code,
        ward_code,
        unit_code,
        is_province_level,
        month,
        stock_day as looked_at_day,
        cohort_received as received,
        cohort_in_time_by_stock_day as in_time,
        cohort_late_by_stock_day as late,
        cohort_overdue_on_stock_day as pending_overdue,
        round(cohort_in_time_by_stock_day / nullif(cohort_received, 0), 4) as in_time_share,
        round(
            (cohort_late_by_stock_day + cohort_overdue_on_stock_day) / nullif(cohort_received, 0), 4
        ) as overdue_share
    from quality
)

select * from final
order by province_code, unit_code, month
