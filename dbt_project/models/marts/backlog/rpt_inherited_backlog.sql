-- One row per unit (ward or province level) that inherited a backlog on the reform day:
-- dossiers received before 1 July 2025 still pending at the end of 30 June, how many remain
-- on the as-of day, and the day the last of them was finished or closed.
with

dossiers as (
    select * from {{ ref('fct_dossiers') }}
    where is_received and is_inherited
),

as_of as (
    select * from {{ ref('int_build__as_of') }}
),

inherited as (
    select
        dossiers.province_code,
        dossiers.ward_code,
        dossiers.unit_code,
        dossiers.is_province_level,
        count(*) as inherited,
        count(*) filter (
            where dossiers.pending_until_day is null or dossiers.pending_until_day > as_of.as_of_day
        ) as remaining,
        count(*) filter (where dossiers.is_finished) as finished,
        count(*) filter (where dossiers.timeliness = 'late') as finished_late,
        count(*) filter (where dossiers.is_closed) as closed,
        count(*) filter (where dossiers.field_name ilike '{{ var("land_field_pattern") }}') as land,
        max(dossiers.pending_until_day) as last_cleared_day,
        bool_or(dossiers.pending_until_day is null) as has_open
    from dossiers
    cross join as_of
    where dossiers.pending_until_day is null or dossiers.pending_until_day >= '{{ var("reform_day") }}'::date
    group by all
),

final as (
    select
        province_code,
        ward_code,
        unit_code,
        is_province_level,
        inherited,
        remaining,
        finished,
        finished_late,
        closed,
        land,
        case when not has_open and remaining = 0 then last_cleared_day end as cleared_day
    from inherited
)

select * from final
order by province_code, unit_code
