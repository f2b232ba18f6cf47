-- One row per unit with dossiers: what it received and finished in the staffing window
-- (the staff_window_days up to the as-of day), overall and for land and construction. Added up
-- from the per-field daily events (one row per unit, field and day), not from the fact's
-- dossiers: the same counts from a tenth of the rows, and the field patterns matched once per
-- field instead of once per dossier.
with

events as (
    select * from {{ ref('int_units__field_daily_events') }}
),

as_of as (
    select * from {{ ref('int_build__as_of') }}
),

fields as (
    select
        field_name,
        field_name ilike '{{ var("land_field_pattern") }}' as is_land,
        field_name ilike '{{ var("construction_field_pattern") }}' as is_construction
    from events
    group by field_name
),

final as (
    select
        events.unit_code,
        coalesce(sum(events.received) filter (
            where events.day > as_of.as_of_day - {{ var('staff_window_days') }}
        ), 0)::bigint as received_in_window,
        coalesce(sum(events.finished) filter (
            where events.day > as_of.as_of_day - {{ var('staff_window_days') }}
        ), 0)::bigint as finished_in_window,
        coalesce(sum(events.finished_late) filter (
            where events.day > as_of.as_of_day - {{ var('staff_window_days') }}
        ), 0)::bigint as late_in_window,
        coalesce(sum(events.finished), 0)::bigint as finished,
        coalesce(sum(events.finished_late), 0)::bigint as finished_late,
        coalesce(sum(events.finished) filter (where fields.is_land), 0)::bigint as land_finished,
        coalesce(sum(events.finished_late) filter (where fields.is_land), 0)::bigint as land_late,
        coalesce(sum(events.finished) filter (where fields.is_construction), 0)::bigint as construction_finished,
        coalesce(sum(events.finished_late) filter (where fields.is_construction), 0)::bigint as construction_late
    from events
    inner join fields on events.field_name = fields.field_name
    cross join as_of
    group by events.unit_code
    having sum(events.received) > 0
)

select * from final
