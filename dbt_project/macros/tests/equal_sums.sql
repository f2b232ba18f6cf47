{#- Two models agree on the sums of the listed columns per key (the reconciliation test). -#}
{% test equal_sums(model, compare_model, group_by, columns) %}
with
left_side as (
    select {{ group_by | join(', ') }},
        {% for c in columns %}sum({{ c }}) as {{ c }}{% if not loop.last %}, {% endif %}{% endfor %}
    from {{ model }}
    group by all
),

right_side as (
    select {{ group_by | join(', ') }},
        {% for c in columns %}sum({{ c }}) as {{ c }}{% if not loop.last %}, {% endif %}{% endfor %}
    from {{ compare_model }}
    group by all
)

select *
from left_side
full outer join right_side using ({{ group_by | join(', ') }})
where {% for c in columns %}coalesce(left_side.{{ c }}, 0) <> coalesce(right_side.{{ c }}, 0){% if not loop.last %} or {% endif %}{% endfor %}
{% endtest %}
