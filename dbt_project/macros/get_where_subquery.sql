{#- dbt's own macro (global_project/macros/materializations/tests/where_subquery.sql), which
applies a test's `where` config, with one addition: `where: changed dossiers` tests, in an
incremental build, only the dossiers the build changed (the others passed in an earlier build),
and every dossier otherwise. dbt renders a test's config when it parses the project, and the
parse is saved and reused from build to build (warehouse/build.py), so what changes from one
build to the next (var changed_after_load) must be read here, when the test is compiled. Any
other `where` is applied as dbt applies it. -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- if where == 'changed dossiers' -%}
        {#- (a name, not a ref: a test may only ref what it depended on when it was parsed) -#}
        {%- set where = 'dossier_code in (select dossier_code from staging.stg_meta__changed_dossiers)'
            if var('changed_after_load', none) is not none else '' -%}
    {%- endif -%}
    {%- if where -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ where }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}
