-- One row per province per month for the journalists' edition: rpt_province_monthly with
-- counts below public_min_count and rates on fewer than public_min_denominator withheld.
with

monthly as (
    select * from {{ ref('rpt_province_monthly') }}
),

flags as (
    select
        *,
        {% for column in public_count_columns() -%}
            {{ column }} < {{ var('public_min_count') }} as {{ column }}_small,
        {% endfor -%}
        -- the finished family is withheld whole (finished = early + on time + late); a ward
        -- cell of it is then withheld too, as a province's small count is small in each ward
        ({% for column in public_finished_family() -%}
            {{ column }} < {{ var('public_min_count') }}{% if not loop.last %} or {% endif %}
        {%- endfor %}) as finished_family_withheld
    from monthly
),

final as (
    select
        province_code,
        month,
        {% for column in public_count_columns() -%}
            {% if column in public_finished_family() -%}
                case when not finished_family_withheld then {{ column }} end as {{ column }},
                finished_family_withheld as {{ column }}_withheld,
            {% else -%}
                case when not {{ column }}_small then {{ column }} end as {{ column }},
                {{ column }}_small as {{ column }}_withheld,
            {% endif -%}
        {% endfor -%}
        case
            when finished >= {{ var('public_min_denominator') }} and not finished_family_withheld
                then on_time_rate
        end as on_time_rate,
        finished < {{ var('public_min_denominator') }} or finished_family_withheld
            as on_time_rate_withheld,
        case
            when received >= {{ var('public_min_denominator') }} and not received_online_small
                then online_share
        end as online_share,
        received < {{ var('public_min_denominator') }} or received_online_small
            as online_share_withheld,
        stock_day
    from flags
)

select * from final
order by province_code, month
