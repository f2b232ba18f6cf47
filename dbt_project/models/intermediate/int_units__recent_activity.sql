-- One row per unit with dossiers: what it received and finished in the staffing window
-- (the staff_window_days up to the as-of day), overall and for land and construction.
with

dossiers as (
    select * from {{ ref('fct_dossiers') }}
    where is_received
),

as_of as (
    select * from {{ ref('int_build__as_of') }}
),

final as (
    select
        dossiers.unit_code,
        count(*) filter (
            where dossiers.received_day > as_of.as_of_day - {{ var('staff_window_days') }}
        ) as received_in_window,
        count(*) filter (
            where dossiers.end_day > as_of.as_of_day - {{ var('staff_window_days') }}
        ) as finished_in_window,
        count(*) filter (
            where dossiers.end_day > as_of.as_of_day - {{ var('staff_window_days') }}
            and dossiers.timeliness = 'late'
        ) as late_in_window,
        count(*) filter (where dossiers.is_finished) as finished,
        count(*) filter (where dossiers.timeliness = 'late') as finished_late,
        count(*) filter (
            where dossiers.is_finished and dossiers.field_name ilike '{{ var("land_field_pattern") }}'
        ) as land_finished,
        count(*) filter (
            where dossiers.timeliness = 'late' and dossiers.field_name ilike '{{ var("land_field_pattern") }}'
        ) as land_late,
        count(*) filter (
            where dossiers.is_finished
            and dossiers.field_name ilike '{{ var("construction_field_pattern") }}'
        ) as construction_finished,
        count(*) filter (
            where dossiers.timeliness = 'late'
            and dossiers.field_name ilike '{{ var("construction_field_pattern") }}'
        ) as construction_late
    from dossiers
    cross join as_of
    group by dossiers.unit_code
)

select * from final
