{#- The counts the public layer publishes (each may be withheld). The rules that withhold
    them: models/intermediate/public/int_public__cells.py. -#}
{#- `closed` is not among them: it is the backlog identity's slack, never published. -#}
{% macro public_count_columns() -%}
{{ return(['received', 'received_online', 'finished', 'finished_early', 'finished_on_time',
           'finished_late', 'pending_end', 'pending_overdue_end']) }}
{%- endmacro %}

{#- Whether each published rate is withheld: beside a withheld count of its numerator or
    denominator, or on fewer than public_min_denominator dossiers (a relation with the
    `<count>_withheld` flags and the counts as `raw_<count>`) -#}
{% macro public_rate_flags() -%}
    coalesce(
        finished_withheld or finished_early_withheld or finished_on_time_withheld
        or finished_late_withheld or raw_finished < {{ var('public_min_denominator') }},
        true
    ) as on_time_rate_withheld,
    coalesce(
        received_withheld or received_online_withheld
        or raw_received < {{ var('public_min_denominator') }},
        true
    ) as online_share_withheld,
    {#- Both of its counts are published whenever it is, so it tells nothing they do not:
        a withheld backlog (or received) cannot be worked out from it. -#}
    coalesce(
        received_withheld or pending_overdue_end_withheld
        or raw_received < {{ var('public_min_denominator') }},
        true
    ) as overdue_per_1000_withheld
{%- endmacro %}

{#- The published counts (null where withheld) and rates, with their flags -#}
{% macro public_published_columns() -%}
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
    online_share_withheld,
    case
        when not overdue_per_1000_withheld
            then round(1000.0 * raw_pending_overdue_end / raw_received, 1)
    end as overdue_per_1000,
    overdue_per_1000_withheld
{%- endmacro %}
