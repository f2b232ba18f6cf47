{#- Incremental builds (`haicap build` after new loads; `haicap build --full` never).

`haicap build` passes var changed_after_load = the last load the previous build saw, and the
dossier-level models recompute only the dossiers touched by later loads
(stg_meta__changed_dossiers): their rows are deleted and inserted again. The relation is named,
not ref()'d, so that the models' unit tests need no extra input; it is upstream of every model
that uses it (through stg_dossiers__dossiers), so dbt builds it first. -#}

{% macro is_incremental_build() -%}
    {{ return(var('changed_after_load', none) is not none) }}
{%- endmacro %}

{% macro changed_dossiers() -%}
    {{ return(api.Relation.create(database=target.database, schema='staging', identifier='stg_meta__changed_dossiers')) }}
{%- endmacro %}

{#- `and dossier_code in (the changed dossiers)`, in an incremental run only (never in a unit
test, which has no `this`) -#}
{% macro only_changed_dossiers(column='dossier_code') -%}
    {%- if this and is_incremental() and is_incremental_build() %} and {{ column }} in (select dossier_code from {{ changed_dossiers() }}){% endif -%}
{%- endmacro %}

{#- pre-hook of the dossier-level incremental models: drop the rows of the changed dossiers
(all rows when the table exists but no changed_after_load was given: a plain `dbt build`) -#}
{% macro delete_changed_dossiers() -%}
    {%- if is_incremental() and is_incremental_build() -%}
        delete from {{ this }} where dossier_code in (select dossier_code from {{ changed_dossiers() }})
    {%- elif is_incremental() -%}
        delete from {{ this }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
