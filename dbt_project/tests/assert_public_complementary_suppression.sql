-- No published total lets a reader recover a withheld cell: in every province, month and
-- measure whose province cell is published, the withheld unit cells are none, or at least two
-- adding up to public_min_count or more; and no row publishes part of its finished family
-- and received while withholding another part.
with

cells as (
    select * from {{ ref('int_public__cells') }}
),

columns_exposed as (
    select
        units.province_code,
        units.month,
        units.measure,
        'a province total beside ' || count(*) filter (where units.is_withheld)
        || ' withheld unit cells adding up to '
        || coalesce(sum(units.value) filter (where units.is_withheld), 0) as problem
    from cells as units
    inner join cells as provinces
        on
            provinces.level = 'province'
            and units.province_code = provinces.province_code
            and units.month = provinces.month
            and units.measure = provinces.measure
    where units.level = 'unit' and not provinces.is_withheld
    group by units.province_code, units.month, units.measure
    having
        count(*) filter (where units.is_withheld) = 1
        or (
            count(*) filter (where units.is_withheld) > 1
            and sum(units.value) filter (where units.is_withheld) < {{ var('public_min_count') }}
        )
),

families_split as (
    select
        province_code,
        month,
        'finished family' as measure,
        'unit ' || unit_code || ' withholds part of its finished family and received' as problem
    from cells
    where measure in ('received', 'finished', 'finished_early', 'finished_on_time', 'finished_late')
    group by level, province_code, unit_code, month
    having bool_or(is_withheld) and not bool_and(is_withheld)
),

final as (
    select * from columns_exposed
    union all
    select * from families_split
)

select * from final
