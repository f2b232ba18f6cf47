{#- Overrides dbt's macro that applies a test's `where` config (dbt renders the config when it
parses the project, and the parse is saved and reused from build to build: warehouse/build.py).
`where: changed dossiers` is read here, when the test is compiled: in an incremental build
(var changed_after_load) the test looks only at the dossiers the build changed (the others
passed in an earlier build), otherwise at every row. Any other `where` goes to dbt's own. -#}
{% macro get_where_subquery(relation) -%}
    {%- if config.get('where', '') != 'changed dossiers' -%}
        {%- do return(dbt.default__get_where_subquery(relation)) -%}
    {%- elif var('changed_after_load', none) is none -%}
        {%- do return(relation) -%}
    {%- endif -%}
    {#- (a name, not a ref: a test may only ref what it depended on when it was parsed) -#}
    {%- set filtered -%}
        (select * from {{ relation }}
         where dossier_code in (select dossier_code from staging.stg_meta__changed_dossiers)) dbt_subquery
    {%- endset -%}
    {%- do return(filtered) -%}
{%- endmacro %}
