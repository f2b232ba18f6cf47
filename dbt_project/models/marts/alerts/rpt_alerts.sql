-- One row per early warning: the unit, the kind, how severe, since when, and a sentence
-- saying why, its numbers written the way of its language (macros/number_text.sql). Thresholds are dbt vars (dbt_project.yml). Kinds:
--   on_time_drop       on-time rate fell by >= alert_on_time_drop_points month on month,
--                      with >= alert_min_finished finished in both months (every month)
--   overdue_growth     pending-overdue stock grew alert_overdue_growth_weeks weeks running
--                      up to the as-of day (week-end snapshots)
--   silence            a busy unit (>= alert_busy_daily_received a working day over the 20
--                      working days before) received nothing for alert_silence_working_days
--   land_late_no_staff land lateness >= alert_land_late_share (>= alert_land_min_finished
--                      finished) while nobody is in post for land (dia_chinh)
with

monthly as (
    select * from {{ ref('int_units__monthly') }}
),

daily as (
    select * from {{ ref('int_units__daily') }}
),

dates as (
    select * from {{ ref('dim_date') }}
),

as_of as (
    select * from {{ ref('int_build__as_of') }}
),

staffing as (
    select * from {{ ref('rpt_staffing_ward') }}
),

rates as (
    select
        *,
        (finished_early + finished_on_time) / nullif(finished, 0) as on_time_rate,
        lag(month) over unit_months as previous_month,
        lag(finished) over unit_months as previous_finished,
        lag((finished_early + finished_on_time) / nullif(finished, 0)) over unit_months
            as previous_on_time_rate
    from monthly
    window unit_months as (partition by unit_code order by month)
),

on_time_drop as (
    select
        unit_code,
        'on_time_drop' as alert_kind,
        case
            when (previous_on_time_rate - on_time_rate) * 100 >= 2 * {{ var('alert_on_time_drop_points') }}
                then 'high'
            else 'medium'
        end as severity,
        month as since_day,
        round((previous_on_time_rate - on_time_rate) * 100, 1) as measured_value,
        {{ var('alert_on_time_drop_points') }} as threshold,
        'Tỷ lệ đúng hạn giảm ' || {{ vi_number('(previous_on_time_rate - on_time_rate) * 100', 1) }}
        || ' điểm %: ' || {{ vi_number('on_time_rate * 100', 1) }} || ' % tháng '
        || strftime(month, '%m/%Y') || ' so với ' || {{ vi_number('previous_on_time_rate * 100', 1) }}
        || ' % tháng trước (' || {{ vi_number('finished') }} || ' hồ sơ đã giải quyết).' as reason,
        'On-time rate fell by ' || {{ en_number('(previous_on_time_rate - on_time_rate) * 100', 1) }}
        || ' points: ' || {{ en_number('on_time_rate * 100', 1) }} || '% in '
        || strftime(month, '%b %Y') || ' against ' || {{ en_number('previous_on_time_rate * 100', 1) }}
        || '% the month before (' || {{ en_number('finished') }} || ' finished).' as reason_en
    from rates
    where
        previous_month = month - interval 1 month
        and finished >= {{ var('alert_min_finished') }}
        and previous_finished >= {{ var('alert_min_finished') }}
        and (previous_on_time_rate - on_time_rate) * 100 >= {{ var('alert_on_time_drop_points') }}
),

week_ends as (
    -- the stock at the end of each week (Sunday), and on the as-of day for the last one
    select
        daily.unit_code,
        daily.day,
        daily.pending_overdue_end,
        row_number() over (partition by daily.unit_code order by daily.day desc) as weeks_back
    from daily
    cross join as_of
    where dayofweek(daily.day) = 0 or daily.day = as_of.as_of_day
),

week_growth as (
    select
        *,
        pending_overdue_end > lead(pending_overdue_end) over (
            partition by unit_code order by weeks_back
        ) as grew
    from week_ends
),

growth_runs as (
    select
        unit_code,
        coalesce(min(weeks_back) filter (where not grew), max(weeks_back)) - 1 as weeks_growing,
        max(pending_overdue_end) filter (where weeks_back = 1) as overdue_now
    from week_growth
    group by unit_code
),

overdue_growth as (
    select
        growth_runs.unit_code,
        'overdue_growth' as alert_kind,
        case
            when growth_runs.weeks_growing >= 2 * {{ var('alert_overdue_growth_weeks') }} then 'high'
            else 'medium'
        end as severity,
        start_week.day + 1 as since_day,
        growth_runs.weeks_growing::double as measured_value,
        {{ var('alert_overdue_growth_weeks') }} as threshold,
        'Số hồ sơ quá hạn đang tồn tăng ' || growth_runs.weeks_growing
        || ' tuần liên tiếp, từ ' || {{ vi_number('start_week.pending_overdue_end') }} || ' lên '
        || {{ vi_number('growth_runs.overdue_now') }} || '.' as reason,
        'Overdue pending dossiers grew ' || growth_runs.weeks_growing
        || ' weeks running, from ' || {{ en_number('start_week.pending_overdue_end') }} || ' to '
        || {{ en_number('growth_runs.overdue_now') }} || '.' as reason_en
    from growth_runs
    inner join week_ends as start_week
        on
            growth_runs.unit_code = start_week.unit_code
            and start_week.weeks_back = growth_runs.weeks_growing + 1
    where growth_runs.weeks_growing >= {{ var('alert_overdue_growth_weeks') }}
),

working_days as (
    select
        dates.day,
        row_number() over (order by dates.day desc) as working_days_back
    from dates
    cross join as_of
    where dates.is_working_day and dates.day <= as_of.as_of_day
),

unit_working_days as (
    select
        daily.unit_code,
        count(*) filter (
            where working_days.working_days_back <= {{ var('alert_silence_working_days') }}
        ) as silent_days_listed,
        sum(daily.received) filter (
            where working_days.working_days_back <= {{ var('alert_silence_working_days') }}
        ) as received_recently,
        sum(daily.received) filter (
            where working_days.working_days_back > {{ var('alert_silence_working_days') }}
            and working_days.working_days_back <= {{ var('alert_silence_working_days') }} + 20
        ) / 20.0 as received_per_working_day_before,
        min(daily.day) filter (
            where working_days.working_days_back <= {{ var('alert_silence_working_days') }}
        ) as silent_since
    from daily
    inner join working_days on daily.day = working_days.day
    group by daily.unit_code
),

silence as (
    select
        unit_code,
        'silence' as alert_kind,
        'high' as severity,
        silent_since as since_day,
        round(received_per_working_day_before, 1) as measured_value,
        {{ var('alert_busy_daily_received') }} as threshold,
        'Không có hồ sơ nào được tiếp nhận trong ' || {{ var('alert_silence_working_days') }}
        || ' ngày làm việc gần nhất, trong khi trước đó trung bình '
        || {{ vi_number('received_per_working_day_before', 1) }} || ' hồ sơ mỗi ngày làm việc.'
            as reason,
        'No dossier arrived in the last ' || {{ var('alert_silence_working_days') }}
        || ' working days, after an average of '
        || {{ en_number('received_per_working_day_before', 1) }} || ' a working day before.'
            as reason_en
    from unit_working_days
    where
        silent_days_listed = {{ var('alert_silence_working_days') }}
        and received_recently = 0
        and received_per_working_day_before >= {{ var('alert_busy_daily_received') }}
),

land_late_no_staff as (
    select
        ward_code as unit_code,
        'land_late_no_staff' as alert_kind,
        case when land_late_share >= 2 * {{ var('alert_land_late_share') }} then 'high' else 'medium' end
            as severity,
        report_date as since_day,
        round(land_late_share * 100, 1) as measured_value,
        {{ var('alert_land_late_share') }} * 100 as threshold,
        {{ vi_number('land_late_share * 100', 1) }} || ' % hồ sơ đất đai trễ hạn, trong khi vị '
        || 'trí địa chính không có ai (báo cáo nhân sự ngày ' || strftime(report_date, '%d/%m/%Y')
        || ').' as reason,
        {{ en_number('land_late_share * 100', 1) }} || '% of land dossiers finished late while '
        || 'nobody is in post for land (staffing report of ' || strftime(report_date, '%-d %b %Y')
        || ').' as reason_en
    from staffing
    where
        has_nobody_land
        and land_late_share >= {{ var('alert_land_late_share') }}
        and round(land_late_share * 100, 1) is not null
        and ward_code in (
            select unit_code from {{ ref('int_units__recent_activity') }}
            where land_finished >= {{ var('alert_land_min_finished') }}
        )
),

alerts as (
    select * from on_time_drop
    union all by name
    select * from overdue_growth
    union all by name
    select * from silence
    union all by name
    select * from land_late_no_staff
),

units as (
    select * from {{ ref('dim_unit') }}
),

final as (
    select
        alerts.unit_code || ':' || alerts.alert_kind || ':' || alerts.since_day as alert_id,
        units.province_code,
        units.ward_code,
        alerts.unit_code,
        units.unit_name,
        alerts.alert_kind,
        alerts.severity,
        alerts.since_day::date as since_day,
        alerts.measured_value,
        alerts.threshold,
        alerts.reason,
        alerts.reason_en,
        as_of.as_of_day
    from alerts
    inner join units on alerts.unit_code = units.unit_code
    cross join as_of
)

select * from final
order by province_code, unit_code, since_day
