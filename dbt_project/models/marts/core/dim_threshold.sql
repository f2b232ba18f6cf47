-- One row per numeric threshold (dbt var) this build ran with: the alerts', the public layer's
-- withholding, the premises' and the staffing window's. The publisher copies them into each
-- published file's build_info, so the dashboards quote the numbers the models used instead of
-- typing them again.
{%- set names = [
    'alert_on_time_drop_points',
    'alert_min_finished',
    'alert_overdue_growth_weeks',
    'alert_silence_working_days',
    'alert_busy_daily_received',
    'alert_land_late_share',
    'alert_land_min_finished',
    'staff_window_days',
    'office_m2_per_person_norm',
    'far_office_km',
    'vacant_long_days',
    'public_min_count',
    'public_min_denominator',
] %}
with

thresholds as (
    {% for name in names -%}
        select
            '{{ name }}' as threshold_name,
            {{ var(name) }}::double as threshold_value
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select
        threshold_name,
        threshold_value
    from thresholds
)

select * from final
order by threshold_name
