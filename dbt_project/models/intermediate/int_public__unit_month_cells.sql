-- One row per unit (ward or province level), month and published count: its value and whether
-- the public layer withholds it. Primary: a count below public_min_count. Complementary: when
-- a province-month-measure has exactly one withheld cell and its province total is published,
-- the smallest other cell is withheld too, so that the total cannot reveal the first.
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

final as (
    select
        province_code,
        unit_code,
        month,
        measure,
        value,
        is_primary,
        not is_primary and primary_cells = 1 and not is_total_withheld
        and rank_among_published = 1 as is_complementary,
        is_primary
        or (not is_primary and primary_cells = 1 and not is_total_withheld and rank_among_published = 1)
            as is_withheld
    from primary_flags
)

select * from final
