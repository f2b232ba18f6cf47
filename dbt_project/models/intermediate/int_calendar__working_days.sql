{{ config(tags=['unchanged_by_loads']) }}
-- One row per calendar day; working days follow Vietnam's calendar (weekends, public
-- holidays, weekend days worked in exchange for a day off). Published as dim_date; here
-- for the intermediate models that count working days.
with

special_days as (
    select * from {{ ref('int_calendar__vn_holidays') }}
),

days as (
    select generate_series::date as day
    from generate_series(
        make_date({{ var('calendar_first_year') }}, 1, 1),
        make_date({{ var('calendar_last_year') }}, 12, 31),
        interval 1 day
    )
),

flagged as (
    select
        days.day,
        date_trunc('month', days.day)::date as month,
        date_trunc('week', days.day)::date as week_start_day,
        isodow(days.day) as iso_weekday,
        isodow(days.day) in (6, 7) as is_weekend,
        coalesce(special_days.day_kind = 'holiday', false) as is_holiday,
        coalesce(special_days.day_kind = 'substituted_workday', false)
            as is_substituted_workday,
        special_days.day_name as holiday_name
    from days
    left join special_days on days.day = special_days.day
),

final as (
    select
        *,
        (not is_weekend or is_substituted_workday) and not is_holiday as is_working_day,
        sum(
            case when (not is_weekend or is_substituted_workday) and not is_holiday then 1 else 0 end
        ) over (order by day rows unbounded preceding)::integer as working_day_number
    from flagged
)

select * from final
