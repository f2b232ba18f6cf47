-- One row per unit (ward or province level), month and published count: its value and whether
-- the public layer withholds it. Primary: a count below public_min_count. Complementary: when
-- a province-month-measure has exactly one withheld cell and its province total is published,
-- the smallest other cell is withheld too, so that the total cannot reveal the first. Within a
-- row: the finished family (finished = early + on time + late) is withheld whole when any of
-- it is, so that the other three cannot reveal it. (Each family measure is then withheld in
-- the same set of units, which has two or more units, or a withheld province total.)
with

monthly as (
    select * from {{ ref('int_units__monthly') }}
),

cells as (
    {% for column in public_count_columns() -%}
        select
            province_code,
            unit_code,
            month,
            '{{ column }}' as measure,
            {{ column }} as value
        from monthly
        {% if not loop.last %}union all
        {% endif %}
    {%- endfor %}
),

primary_flags as (
    select
        *,
        value < {{ var('public_min_count') }} as is_primary,
        sum(value) over province_measure < {{ var('public_min_count') }} as is_total_withheld,
        count(*) filter (
            where value < {{ var('public_min_count') }}
        ) over province_measure as primary_cells,
        row_number() over (
            partition by province_code, month, measure, value < {{ var('public_min_count') }}
            order by value, unit_code
        ) as rank_among_published
    from cells
    window province_measure as (partition by province_code, month, measure)
),

flagged as (
    select
        province_code,
        unit_code,
        month,
        measure,
        value,
        is_primary,
        not is_primary and primary_cells = 1 and not is_total_withheld
        and rank_among_published = 1 as is_complementary
    from primary_flags
),

final as (
    select
        *,
        is_primary or is_complementary or (
            measure in ('{{ public_finished_family() | join("', '") }}')
            and bool_or(is_primary or is_complementary) filter (
                where measure in ('{{ public_finished_family() | join("', '") }}')
            ) over (partition by province_code, unit_code, month)
        ) as is_withheld
    from flagged
)

select * from final
