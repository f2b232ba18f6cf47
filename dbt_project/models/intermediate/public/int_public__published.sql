-- One row per unit (`level` = unit) or province (`level` = province) per month: the counts the
-- journalists' edition publishes, null where int_public__cells withholds them (a `_withheld`
-- flag beside each), and the rates, withheld on fewer than public_min_denominator dossiers or
-- beside a withheld part they would reveal.
with

cells as (
    select * from {{ ref('int_public__cells') }}
),

wide as (
    select
        level,
        province_code,
        unit_code,
        month,
        {% for column in public_count_columns() -%}
            max(value) filter (where measure = '{{ column }}') as raw_{{ column }},
            bool_or(is_withheld) filter (where measure = '{{ column }}') as {{ column }}_withheld,
        {% endfor -%}
        count(*) as cell_count
    from cells
    group by level, province_code, unit_code, month
),

flagged as (
    select
        *,
        coalesce(
            finished_withheld or finished_late_withheld
            or raw_finished < {{ var('public_min_denominator') }},
            true
        ) as on_time_rate_withheld,
        coalesce(
            received_withheld or received_online_withheld
            or raw_received < {{ var('public_min_denominator') }},
            true
        ) as online_share_withheld
    from wide
),

final as (
    select
        level,
        province_code,
        unit_code,
        month,
        {% for column in public_count_columns() -%}
            case when not {{ column }}_withheld then raw_{{ column }} end as {{ column }},
            {{ column }}_withheld,
        {% endfor -%}
        case
            when not on_time_rate_withheld
                then round((raw_finished_early + raw_finished_on_time) / raw_finished, 4)
        end as on_time_rate,
        on_time_rate_withheld,
        case
            when not online_share_withheld then round(raw_received_online / raw_received, 4)
        end as online_share,
        online_share_withheld
    from flagged
)

select * from final
