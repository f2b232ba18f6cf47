{#- The running stocks per unit (int_units__daily, rpt_unit_field_daily): an incremental run
makes a changed unit's rows again from its restart day (int_units__restart_days), its running
sums starting from the stocks it had before that day; a full build starts every unit from
nothing. -#}

{#- Per `keys` (the unit, and the field if any): the stocks at the last row before the unit's
restart day (none in a full build) -#}
{% macro stocks_before_restart(keys) -%}
    {%- if is_incremental() -%}
        select
            {% for key in keys -%}
                previous.{{ key }},
            {% endfor -%}
            arg_max(previous.pending_end, previous.day) as pending_end,
            arg_max(previous.pending_overdue_end, previous.day) as pending_overdue_end
        from {{ this }} as previous
        inner join {{ ref('int_units__restart_days') }} as restarts on previous.unit_code = restarts.unit_code
        where previous.day < restarts.restart_day
        group by all
    {%- else -%}
        select
            {% for key in keys -%}
                null::varchar as {{ key }},
            {% endfor -%}
            0 as pending_end,
            0 as pending_overdue_end
        where false
    {%- endif -%}
{%- endmacro %}

{#- Per unit of `events`: its first day with a received dossier (where its rows begin) and its
restart day; in an incremental run, only the units with one -#}
{% macro first_days(events) -%}
    select
        events.unit_code,
        min(events.day) filter (where events.received > 0) as first_received_day,
        any_value(restarts.restart_day) as restart_day
    from {{ events }} as events
    {% if is_incremental() %}inner{% else %}left{% endif %} join {{ ref('int_units__restart_days') }} as restarts
        on events.unit_code = restarts.unit_code
    group by events.unit_code
{%- endmacro %}
