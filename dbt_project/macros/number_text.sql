{#- Numbers written into sentences a person reads (the alerts' reasons), the way the
dashboard writes them (haicap/i18n.py fmt_number): `1.234` and `33,3` in Vietnamese,
`1,234` and `33.3` in English. -#}
{% macro vi_number(expr, decimals=0) -%}
{%- if decimals == 0 -%}
format('{:t.}', round({{ expr }})::bigint)
{%- else -%}
replace(printf('%.{{ decimals }}f', ({{ expr }})::double), '.', ',')
{%- endif -%}
{%- endmacro %}

{% macro en_number(expr, decimals=0) -%}
{%- if decimals == 0 -%}
format('{:,}', round({{ expr }})::bigint)
{%- else -%}
printf('%.{{ decimals }}f', ({{ expr }})::double)
{%- endif -%}
{%- endmacro %}
