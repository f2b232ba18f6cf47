{#- Two models agree on the sums of the listed columns per key (the reconciliation test).
With `incremental_scope` (a relation) and `scope_keys`: in an incremental build, only the rows
whose keys are in that relation are compared, on both sides: the rows the build made again,
when every other row of both models is as the last build left (and tested) it. -#}
{% test equal_sums(model, compare_model, group_by, columns, incremental_scope=none, scope_keys=none) %}
{%- set scoped = incremental_scope is not none and incremental_build() %}
with
{%- for name, relation in [('left_side', model), ('right_side', compare_model)] %}
{{ name }} as (
    select {{ group_by | join(', ') }},
        {% for c in columns %}sum({{ c }}) as {{ c }}{% if not loop.last %}, {% endif %}{% endfor %}
    from {{ relation }} as compared
    {%- if scoped %}
    where exists (
        select 1 from {{ incremental_scope }} as scope
        where {% for key in scope_keys %}scope.{{ key }} = compared.{{ key }}{% if not loop.last %} and {% endif %}{% endfor %}
    )
    {%- endif %}
    group by all
){% if not loop.last %},{% endif %}
{%- endfor %}

select *
from left_side
full outer join right_side using ({{ group_by | join(', ') }})
where {% for c in columns %}coalesce(left_side.{{ c }}, 0) <> coalesce(right_side.{{ c }}, 0){% if not loop.last %} or {% endif %}{% endfor %}
{% endtest %}
